package org.clinicledger.ui.common;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;

/** The common frame of a tab's content: a title, a line that says what the tab is for, then sections. */
public class Page extends ScrollPane {

    private final VBox body = new VBox(16);

    public Page(String title, String purpose) {
        Label heading = new Label(title);
        heading.getStyleClass().add(Styles.TITLE_2);
        Label intro = new Label(purpose);
        intro.setWrapText(true);
        intro.getStyleClass().add(Styles.TEXT_MUTED);
        body.getChildren().addAll(heading, intro);
        body.setPadding(new Insets(24, 32, 24, 32));
        body.setMaxWidth(1040);
        body.getStyleClass().add("page");
        setContent(body);
        setFitToWidth(true);
        getStyleClass().add(Tweaks.EDGE_TO_EDGE);
    }

    /** Adds a titled section to the page and returns this page. */
    public Page section(String title, Node... content) {
        Label heading = new Label(title);
        heading.getStyleClass().add(Styles.TITLE_4);
        VBox section = new VBox(8);
        section.getStyleClass().add("page-section");
        section.getChildren().add(heading);
        section.getChildren().addAll(content);
        body.getChildren().add(section);
        return this;
    }

    /** A muted sentence for a list that has nothing in it yet. */
    public static Label emptyState(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.getStyleClass().addAll("empty-state", Styles.TEXT_MUTED);
        return label;
    }
}
