package org.clinicledger.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import javafx.scene.control.TableView;

import org.clinicledger.domain.VerificationProblem;
import org.clinicledger.testing.RawTables;
import org.junit.jupiter.api.Test;

/**
 * The Ledger page's verdict and its problems: an intact folder gets the "Intact" badge; a block
 * changed behind ClinicLedger's back gets "Not intact", and choosing the problem shows that block
 * as stored, its hashes whole in groups of four.
 */
class LedgerProblemsWindowTest extends WindowFixture {

    @Test
    void aChangedBlockIsNotIntactAndChoosingTheProblemShowsTheBlock() throws Exception {
        Path data = temp.resolve("clinic");
        setUpClinic(data, "Audited Clinic").close();
        launch(data);
        clickOn("#verifyWithoutSigningInLink");
        waitUntil(() -> showing("#ledgerView"));
        assertThat(text("#verificationBadge")).isEqualTo("Not verified yet");
        clickOn("#verifyChainsButton");
        waitUntil(() -> text("#verificationBadge").equals("Intact"));
        assertThat(lookup("#verificationBadge").query().getStyleClass()).contains("intact");
        assertThat(showing("#problemsAndBlock")).isFalse();

        RawTables raw = new RawTables(data);
        try (var connection = raw.connect(); var statement = connection.createStatement()) {
            statement.execute("DROP TRIGGER IF EXISTS blocks_are_never_updated");
        }
        String chain = "staff/" + ADMIN;
        raw.update("UPDATE blocks SET created_at = created_at + 1 WHERE chain_id = ? AND height = 0", chain);
        clickOn("#verifyChainsButton");
        waitUntil(() -> text("#verificationBadge").equals("Not intact"));
        assertThat(lookup("#verificationBadge").query().getStyleClass()).contains("not-intact").doesNotContain("intact");
        assertThat(text("#blockNote")).isEqualTo("Choose a problem to see the block it names.");

        @SuppressWarnings("unchecked")
        TableView<VerificationProblem> problems = lookup("#problemsTable").queryAs(TableView.class);
        int row = 0;
        while (!(problems.getItems().get(row).chain().equals(chain) && problems.getItems().get(row).height() == 0)) {
            row++;
        }
        int chosen = row;
        interact(() -> problems.getSelectionModel().select(chosen));
        waitUntil(() -> text("#blockChain").equals(chain));
        assertThat(text("#blockHeight")).isEqualTo("0");
        String hash = org.clinicledger.crypto.Hex.encode(
                raw.bytes("SELECT hash FROM blocks WHERE chain_id = ? AND height = 0", chain));
        assertThat(text("#blockHash")).matches("([0-9a-f]{4} ){15}[0-9a-f]{4}").isEqualTo(
                org.clinicledger.ui.common.HashText.grouped(hash));
        assertThat(text("#blockPreviousHash")).isEqualTo(org.clinicledger.ui.common.HashText.grouped("0".repeat(64)));
        assertThat(text("#blockKind")).isNotBlank().doesNotContain("not a kind");
        assertThat(text("#blockNote")).isEmpty();
    }
}
