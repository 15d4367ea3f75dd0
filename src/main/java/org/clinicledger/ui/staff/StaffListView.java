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
import org.clinicledger.ui.common.Texts;

/**
 * The Staff tab, for administrators: every doctor's and staff member's account by name, filtered as
 * the filter is typed; the chosen one deactivated with a reason, or reactivated.
 */
public final class StaffListView extends Page {

    public StaffListView(StaffListViewModel model) {
        super(Texts.get("staff.staffList.staff"), Texts.get("staff.staffList.everyoneWithADoctors"));
        setId("staffListView");

        TextField filter = new TextField();
        filter.setId("staffFilterField");
        filter.setPromptText(Texts.get("staff.staffList.filterByNameUsername"));
        filter.setAccessibleText(Texts.get("staff.staffList.filterTheStaffList"));
        filter.textProperty().bindBidirectional(model.filterProperty());
        filter.setMaxWidth(420);

        TableView<StaffAccount> table = new TableView<>(model.shownAccounts());
        table.setId("staffTable");
        table.getColumns().addAll(List.of(
                TextColumn.<StaffAccount>of(Texts.get("staff.staffList.name"), 240,
                        account -> account.member().displayName()),
                TextColumn.<StaffAccount>of(Texts.get("staff.staffList.username"), 160,
                        account -> account.member().username()),
                TextColumn.<StaffAccount>of(Texts.get("staff.staffList.role"), 130, account -> role(account)),
                TextColumn.<StaffAccount>of(Texts.get("staff.staffList.status"), 130,
                        account -> account.active() ? Texts.get("staff.staffList.active")
                        : Texts.get("staff.staffList.deactivated")),
                TextColumn.<StaffAccount>of(Texts.get("staff.staffList.added"), 170,
                        account -> Formats.time(account.added()))));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label(Texts.get("staff.staffList.noAccountFitsThe")));
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
            return account == null ? Texts.get("staff.staffList.chooseAnAccountIn")
                    : account.active()
                    ? Texts.format("staff.staffList.chosenActive", account.member().displayName(),
                            account.member().username(), role(account))
                    : Texts.format("staff.staffList.chosenDeactivated", account.member().displayName(),
                            account.member().username(), role(account));
        }, model.selectedProperty()));
        chosen.setWrapText(true);
        chosen.setMinHeight(Region.USE_PREF_SIZE);

        TextField reason = new TextField();
        reason.setId("deactivationReasonField");
        reason.setPromptText(Texts.get("staff.staffList.reasonForTheDeactivation"));
        reason.setAccessibleText(Texts.get("staff.staffList.reasonForTheDeactivation2"));
        reason.textProperty().bindBidirectional(model.reasonProperty());
        reason.setOnAction(event -> model.deactivate());
        HBox.setHgrow(reason, Priority.ALWAYS);
        reason.setMaxWidth(480);
        Button deactivate = new Button(Texts.get("staff.staffList.deactivate"));
        deactivate.setId("deactivateAccountButton");
        deactivate.getStyleClass().add(Styles.DANGER);
        deactivate.disableProperty().bind(model.mayDeactivateProperty().not());
        deactivate.setOnAction(event -> model.deactivate());
        deactivate.setTooltip(new Tooltip(Texts.get("staff.staffList.theAccountCannotSign")));
        Button reactivate = new Button(Texts.get("staff.staffList.reactivate"));
        reactivate.setId("reactivateAccountButton");
        reactivate.disableProperty().bind(model.mayReactivateProperty().not());
        reactivate.setOnAction(event -> model.reactivate());
        HBox actions = new HBox(8, reason, deactivate, reactivate);
        actions.setAlignment(Pos.CENTER_LEFT);

        VBox change = new VBox(8, chosen, actions,
                InlineMessage.problem("deactivationReasonProblem", model.reasonProblemProperty()),
                InlineMessage.problem("staffStatusProblem", model.problemProperty()),
                InlineMessage.success("staffStatusOutcome", model.outcomeProperty()));

        section(Texts.get("staff.staffList.accounts"), filter, InlineMessage.problem("staffListProblem",
                model.loadProblemProperty()), table);
        section(Texts.get("staff.staffList.deactivateOrReactivate"), change);
        model.load();
    }

    private static String role(StaffAccount account) {
        return switch (account.member().role()) {
            case ADMINISTRATOR -> Texts.get("staff.staffList.administrator");
            case RECEPTIONIST -> Texts.get("staff.staffList.receptionist");
            case DOCTOR -> Texts.get("staff.staffList.doctor");
            case PATIENT -> Texts.get("staff.staffList.patient");
        };
    }
}
