package org.clinicledger.ui.common;

import java.util.ArrayList;
import java.util.List;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

import atlantafx.base.theme.Styles;

/**
 * Help ▸ Keyboard shortcuts: every menu command that has a key, read from the menus themselves so
 * the list cannot fall behind them, and the window's other keys.
 */
public final class ShortcutsDialog {

    /** A key the window answers that no menu shows. */
    public record Key(String keys, String what) {
    }

    private ShortcutsDialog() {
    }

    public static Alert create(Window owner, MenuBar menus, List<Key> others) {
        Alert dialog = new Alert(Alert.AlertType.INFORMATION, "", ButtonType.CLOSE);
        dialog.initOwner(owner);
        dialog.setTitle(Texts.get("common.shortcuts.keyboardShortcuts"));
        dialog.setHeaderText(Texts.get("common.shortcuts.keysForTheMain"));
        dialog.getDialogPane().setId("shortcutsDialog");
        GridPane grid = new GridPane();
        grid.setHgap(24);
        grid.setVgap(6);
        int row = 0;
        for (Key key : keys(menus, others)) {
            Label keys = new Label(key.keys());
            keys.getStyleClass().add(Styles.TEXT_BOLD);
            grid.addRow(row++, keys, new Label(key.what()));
        }
        dialog.getDialogPane().setContent(grid);
        return dialog;
    }

    /** The menus' keys in menu order, then {@code others}. */
    static List<Key> keys(MenuBar menus, List<Key> others) {
        List<Key> keys = new ArrayList<>();
        for (Menu menu : menus.getMenus()) {
            for (MenuItem item : menu.getItems()) {
                if (item.getAccelerator() != null && item.getText() != null) {
                    keys.add(new Key(item.getAccelerator().getDisplayText(),
                            menu.getText().replace("_", "") + " ▸ " + item.getText().replace("_", "")));
                }
            }
        }
        keys.addAll(others);
        return keys;
    }
}
