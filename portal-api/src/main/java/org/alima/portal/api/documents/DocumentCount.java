package org.alima.portal.api.documents;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** How many documents a database holds, for tools that open a database before the portal runs (restore). */
public final class DocumentCount {

    private DocumentCount() {}

    /** Every document row, whatever its status: a restore checks it read the database back, not what readers see. */
    public static long in(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery("SELECT count(*) FROM documents")) {
            count.next();
            return count.getLong(1);
        }
    }
}
