package org.clinicledger.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TableRows} is what moves between machines, so it must match the schema column by column:
 * a table or column a migration adds fails here until it is listed (and so exported and imported)
 * or named as staying behind with its reason.
 */
class TableRowsTest {

    @TempDir
    Path temp;

    private record SchemaColumn(String name, String type, boolean notNull) {
    }

    @Test
    void everyTableOfTheSchemaMovesColumnForColumnOrIsNamedAsStaying() throws Exception {
        Map<String, List<SchemaColumn>> schema = schema();
        List<String> staying = TableRows.STAYING.stream().map(reason -> reason.substring(0, reason.indexOf(':'))).toList();
        for (Map.Entry<String, List<SchemaColumn>> table : schema.entrySet()) {
            if (staying.contains(table.getKey())) {
                assertThat(TableRows.named(table.getKey())).as(table.getKey()).isEmpty();
                continue;
            }
            Optional<TableRows.Table> listed = TableRows.named(table.getKey());
            assertThat(listed).as("table %s is neither moved nor named as staying", table.getKey()).isPresent();
            List<TableRows.Column> columns = listed.get().columns();
            assertThat(columns).extracting(TableRows.Column::name).as(table.getKey())
                    .containsExactlyElementsOf(table.getValue().stream().map(SchemaColumn::name).toList());
            for (int i = 0; i < columns.size(); i++) {
                SchemaColumn stored = table.getValue().get(i);
                assertThat(columns.get(i).type().name()).as(table.getKey() + "." + stored.name()).isEqualTo(stored.type());
                assertThat(columns.get(i).nullable()).as(table.getKey() + "." + stored.name() + " nullable")
                        .isEqualTo(!stored.notNull());
            }
        }
        assertThat(TableRows.ALL).extracting(TableRows.Table::name).allMatch(schema::containsKey);
    }

    @Test
    void rowsAreWrittenAfterTheRowsTheyReferTo() throws Exception {
        List<String> order = TableRows.ALL.stream().map(TableRows.Table::name).toList();
        try (Database database = Database.open(DataFolder.open(temp.resolve("d"), true));
                Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            for (String table : order) {
                try (ResultSet keys = statement.executeQuery("PRAGMA foreign_key_list(" + table + ")")) {
                    while (keys.next()) {
                        String parent = keys.getString("table");
                        assertThat(order.indexOf(parent)).as(table + " refers to " + parent).isLessThan(order.indexOf(table));
                    }
                }
            }
        }
    }

    private Map<String, List<SchemaColumn>> schema() throws SQLException, StoreException {
        Map<String, List<SchemaColumn>> tables = new LinkedHashMap<>();
        try (Database database = Database.open(DataFolder.open(temp.resolve("schema"), true));
                Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' "
                    + "AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            for (String name : names) {
                List<SchemaColumn> columns = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery("PRAGMA table_info(" + name + ")")) {
                    while (rows.next()) {
                        columns.add(new SchemaColumn(rows.getString("name"), rows.getString("type"),
                                rows.getInt("notnull") == 1 || rows.getInt("pk") > 0));
                    }
                }
                tables.put(name, columns);
            }
        }
        return tables;
    }
}
