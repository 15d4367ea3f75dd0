package org.clinicledger.ui.staff;

import java.util.List;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import atlantafx.base.theme.Styles;

import org.clinicledger.domain.StaffAccount;
import org.clinicledger.ui.common.Formats;
import org.clinicledger.ui.common.InlineMessage;
import org.clinicledger.ui.common.Page;
import org.clinicledger.ui.common.TextColumn;

/**
 * The Staff tab, for administrators: every doctor's and staff member's account by name, filtered as
 * the filter is typed; the chosen one deactivated with a reason, or reactivated.
 */
public final class StaffListView extends Page {

    public StaffListView(StaffListViewModel model) {
        super("Staff", "Everyone with a doctor's or staff account, and whether they may sign in.");
        setId("staffListView");

        TextField filter = new TextField();
        filter.setId("staffFilterField");
        filter.setPromptText("Filter by name, username or role");
        filter.setAccessibleText("Filter the staff list");
        filter.textProperty().bindBidirectional(model.filterProperty());
        filter.setMaxWidth(420);

        TableView<StaffAccount> table = new TableView<>(model.shownAccounts());
        table.setId("staffTable");
        table.getColumns().addAll(List.of(
                TextColumn.<StaffAccount>of("Name", 240, account -> account.member().displayName()),
                TextColumn.<StaffAccount>of("Username", 160, account -> account.member().username()),
                TextColumn.<StaffAccount>of("Role", 130, account -> role(account)),
                TextColumn.<StaffAccount>of("Status", 130, account -> account.active() ? "Active" : "Deactivated"),
                TextColumn.<StaffAccount>of("Added", 170, account -> Formats.time(account.added()))));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No account fits the filter."));
        table.setPrefHeight(320);
        model.selectedProperty().addListener((observable, before, now) -> {
            if (now != table.getSelectionModel().getSelectedItem()) {
                table.getSelectionModel().select(now);
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((observable, before, now) -> {
            if (now != null || !model.shownAccounts().contains(model.selectedProperty().get())) {
                model.selectedProperty().set(now);
            }
        });

        Label chosen = new Label();
        chosen.setId("staffChosenLabel");
        chosen.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            StaffAccount account = model.selectedProperty().get();
            return account == null ? "Choose an account in the list to deactivate or reactivate it."
                    : account.member().displayName() + " (" + account.member().username() + ", " + role(account)
                            + ") is " + (account.active() ? "active" : "deactivated") + ".";
        }, model.selectedProperty()));
        chosen.setWrapText(true);
        chosen.setMinHeight(Region.USE_PREF_SIZE);

        TextField reason = new TextField();
        reason.setId("deactivationReasonField");
        reason.setPromptText("Reason for the deactivation, e.g. Left the clinic in November");
        reason.setAccessibleText("Reason for the deactivation");
        reason.textProperty().bindBidirectional(model.reasonProperty());
        reason.setOnAction(event -> model.deactivate());
        HBox.setHgrow(reason, Priority.ALWAYS);
        reason.setMaxWidth(480);
        Button deactivate = new Button("Deactivate");
        deactivate.setId("deactivateAccountButton");
        deactivate.getStyleClass().add(Styles.DANGER);
        deactivate.disableProperty().bind(model.mayDeactivateProperty().not());
        deactivate.setOnAction(event -> model.deactivate());
        deactivate.setTooltip(new Tooltip("The account cannot sign in, be granted access or be referred to until "
                + "it is reactivated. Nobody deactivates their own account."));
        Button reactivate = new Button("Reactivate");
        reactivate.setId("reactivateAccountButton");
        reactivate.disableProperty().bind(model.mayReactivateProperty().not());
        reactivate.setOnAction(event -> model.reactivate());
        HBox actions = new HBox(8, reason, deactivate, reactivate);
        actions.setAlignment(Pos.CENTER_LEFT);

        VBox change = new VBox(8, chosen, actions,
                InlineMessage.problem("deactivationReasonProblem", model.reasonProblemProperty()),
                InlineMessage.problem("staffStatusProblem", model.problemProperty()),
                InlineMessage.success("staffStatusOutcome", model.outcomeProperty()));

        section("Accounts", filter, InlineMessage.problem("staffListProblem", model.loadProblemProperty()), table);
        section("Deactivate or reactivate", change);
        model.load();
    }

    private static String role(StaffAccount account) {
        return switch (account.member().role()) {
            case ADMINISTRATOR -> "Administrator";
            case RECEPTIONIST -> "Receptionist";
            case DOCTOR -> "Doctor";
            case PATIENT -> "Patient";
        };
    }
}
