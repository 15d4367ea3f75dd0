package org.clinicledger.ui.common;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import atlantafx.base.theme.Styles;

/**
 * The frame of a role's tab that holds several kinds of work: a title and a line that says what the
 * tab is for, then one section at a time, each filling the window's width and height (its tables
 * grow with the window; a form taller than the window scrolls within its own section).
 */
public class SectionTabs extends BorderPane {

    private final TabPane sections = new TabPane();
    private final Label heading;
    private final Label intro;

    public SectionTabs(String title, String purpose, String sectionsId) {
        heading = new Label(title);
        heading.setId(sectionsId + "Title");
        heading.getStyleClass().add(Styles.TITLE_3);
        intro = new Label(purpose);
        intro.setId(sectionsId + "Purpose");
        intro.setWrapText(true);
        intro.getStyleClass().add(Styles.TEXT_MUTED);
        VBox header = new VBox(4, heading, intro);
        header.setPadding(new Insets(16, 24, 8, 24));
        sections.setId(sectionsId);
        sections.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        setTop(header);
        setCenter(sections);
    }

    /** Shows {@code title} and {@code purpose} over the sections from now on, instead of those given at first. */
    protected void retitle(String title, String purpose) {
        heading.setText(title);
        intro.setText(purpose);
    }

    /**
     * Adds one section as a tab with the id {@code id + "Tab"}; its content is a box with the id
     * {@code id}, in which tables and {@code growing} nodes take the height left.
     */
    public Tab section(String id, String title, Node... content) {
        VBox box = new VBox(8, content);
        box.setId(id);
        box.setPadding(new Insets(12, 24, 16, 24));
        for (Node node : content) {
            if (node instanceof TableView<?> || node.getProperties().containsKey(GROWS)) {
                VBox.setVgrow(node, Priority.ALWAYS);
            }
        }
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        Tab tab = new Tab(title, scroll);
        tab.setId(id + "Tab");
        sections.getTabs().add(tab);
        return tab;
    }

    /** Marks {@code node} to take the height a section has left, as its tables do. */
    public static <N extends Node> N growing(N node) {
        node.getProperties().put(GROWS, Boolean.TRUE);
        return node;
    }

    /** Shows the section {@code id}, as a click on its tab does. */
    public void showSection(String id) {
        sections.getTabs().stream().filter(tab -> (id + "Tab").equals(tab.getId())).findFirst()
                .ifPresent(tab -> sections.getSelectionModel().select(tab));
    }

    private static final String GROWS = "clinicledger.section.grows";
}
