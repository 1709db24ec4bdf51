package org.alima.portal.api.accounts;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.alima.portal.api.TestDatabase;

/**
 * Plain JDBC on a test's database, for what a test must arrange or check behind the API's back (a token's expiry in
 * the past, a stored hash): the test JVM's shared database, or a fresh one of the test's own on the same server.
 */
record TestSql(String url, String user, String password) {

    /** The database every test class shares. */
    static TestSql shared() {
        Map<String, Object> properties = TestDatabase.properties();
        return new TestSql(
                (String) properties.get("datasources.default.url"),
                (String) properties.get("datasources.default.username"),
                (String) properties.get("datasources.default.password"));
    }

    /** A new, empty database on the shared server: for tests that need to know every account in it. */
    static TestSql fresh() {
        TestSql server = shared();
        String name = "accounts_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = server.connect();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database on " + server.url(), e);
        }
        return new TestSql(
                server.url().replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1"), server.user, server.password);
    }

    /** The Micronaut properties of a test context on this database. */
    Map<String, String> properties() {
        Map<String, String> properties = new HashMap<>();
        TestDatabase.properties().forEach((key, value) -> properties.put(key, String.valueOf(value)));
        properties.put("datasources.default.url", url);
        properties.put("datasources.default.username", user);
        properties.put("datasources.default.password", password);
        return properties;
    }

    int update(String sql, Object... parameters) {
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run " + sql, e);
        }
    }

    /** The first column of the first row, or null when there is none. */
    Object value(String sql, Object... parameters) {
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            ResultSet rows = statement.executeQuery();
            return rows.next() ? rows.getObject(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run " + sql, e);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }
}
