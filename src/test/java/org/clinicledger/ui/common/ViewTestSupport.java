package org.clinicledger.ui.common;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;

import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.matcher.control.LabeledMatchers;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What the Doctor and Patient tab tests share: a real stage holding one view, buttons pressed
 * without waiting for the dialogs they open, and waits for background work.
 */
public abstract class ViewTestSupport extends FxRobot {

    /** Files a scripted file chooser hands out, in order. */
    public static final class ScriptedFiles implements FilePicker {
        public final Deque<List<Path>> toOpen = new ArrayDeque<>();
        public final Deque<Path> toSave = new ArrayDeque<>();

        @Override
        public List<Path> chooseFilesToOpen(String title) {
            return toOpen.isEmpty() ? List.of() : toOpen.removeFirst();
        }

        @Override
        public Optional<Path> chooseFileToSave(String title, String suggestedName) {
            return Optional.ofNullable(toSave.pollFirst());
        }
    }

    protected Stage stage;
    protected final ScriptedFiles files = new ScriptedFiles();

    protected BackgroundTasks tasks(Path logFolder) {
        return BackgroundTasks.forApplication(new FxDialogService(stage, logFolder));
    }

    protected void registerStage() throws TimeoutException {
        stage = FxToolkit.registerPrimaryStage();
    }

    protected void show(Supplier<Parent> view) throws TimeoutException {
        FxToolkit.setupFixture(() -> {
            stage.setScene(new Scene(view.get(), 1000, 760));
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    protected void cleanUp() throws TimeoutException {
        FxToolkit.setupFixture(() -> javafx.stage.Window.getWindows().stream()
                .filter(window -> window != stage).toList().forEach(javafx.stage.Window::hide));
        FxToolkit.cleanupStages();
    }

    protected static void waitUntil(Supplier<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
            try {
                return condition.get();
            } catch (RuntimeException notYet) {
                return false;
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Fires a button later on the JavaFX thread, so that a dialog it opens does not hold up the test. */
    protected void press(String query) {
        Button button = lookup(query).queryButton();
        Platform.runLater(button::fire);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Fires the button of an open dialog with this text. */
    protected void pressDialogButton(String text) throws TimeoutException {
        waitUntil(() -> lookup(".dialog-pane .button").match(LabeledMatchers.hasText(text)).tryQuery().isPresent());
        Button button = lookup(".dialog-pane .button").match(LabeledMatchers.hasText(text)).queryButton();
        Platform.runLater(button::fire);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Scrolls every page around {@code node} so that it is in view, as a person would; call on the JavaFX thread. */
    public static void scrollIntoView(Node node) {
        // A node in a section not shown (a tab of a TabPane) is shown first, as a person would.
        for (Parent at = node.getParent(); at != null; at = at.getParent()) {
            if (at instanceof javafx.scene.control.TabPane tabs) {
                for (javafx.scene.control.Tab tab : tabs.getTabs()) {
                    if (tab.getContent() != null && isAncestor(tab.getContent(), node)) {
                        tabs.getSelectionModel().select(tab);
                    }
                }
            }
        }
        for (Parent at = node.getParent(); at != null; at = at.getParent()) {
            if (at instanceof ScrollPane page && page.getContent() != null) {
                Node content = page.getContent();
                Bounds where = content.sceneToLocal(node.localToScene(node.getBoundsInLocal()));
                double hidden = content.getBoundsInLocal().getHeight() - page.getViewportBounds().getHeight();
                if (hidden > 0) {
                    double top = where.getMinY() - page.getViewportBounds().getHeight() / 3;
                    page.setVvalue(Math.max(0, Math.min(1, top / hidden)));
                }
            }
        }
    }

    private static boolean isAncestor(Node ancestor, Node node) {
        for (Node at = node; at != null; at = at.getParent()) {
            if (at == ancestor) {
                return true;
            }
        }
        return false;
    }

    /** Clicks a node with the mouse, first scrolling the page so that it is in view. */
    protected org.testfx.api.FxRobotInterface clickInView(Node node) {
        interact(() -> scrollIntoView(node));
        return clickOn(node);
    }

    /** Clicks the node {@code query} finds, first scrolling the page so that it is in view. */
    protected org.testfx.api.FxRobotInterface clickInView(String query) {
        return clickInView(lookup(query).<Node>query());
    }

    protected void type(String query, String text) {
        TextInputControl field = lookup(query).queryAs(TextInputControl.class);
        interact(() -> field.setText(text));
    }

    /** Answers the open one-line question dialog. */
    protected void answer(String text) throws TimeoutException {
        waitUntil(() -> lookup(".dialog-pane .text-field").tryQuery().isPresent());
        type(".dialog-pane .text-field", text);
        pressDialogButton("OK");
    }

    protected String text(String query) {
        Node node = lookup(query).query();
        return node instanceof TextInputControl input ? input.getText() : ((Labeled) node).getText();
    }

    protected boolean present(String query) {
        return lookup(query).tryQuery().filter(node -> node.getScene() != null
                && node.getScene().getWindow().isShowing()).isPresent();
    }

    protected TableView<?> table(String query) {
        return lookup(query).queryAs(TableView.class);
    }

    protected void selectRow(String query, int row) {
        TableView<?> table = table(query);
        interact(() -> table.getSelectionModel().select(row));
    }

    /** The message of the open error or information dialog. */
    protected String dialogMessage() throws TimeoutException {
        waitUntil(() -> present("#dialogMessage"));
        return text("#dialogMessage");
    }
}
