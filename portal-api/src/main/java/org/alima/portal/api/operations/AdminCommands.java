package org.alima.portal.api.operations;

import io.micronaut.core.annotation.Nullable;
import java.io.Console;
import java.io.PrintWriter;
import java.util.Map;
import org.alima.portal.api.accounts.CreateAdminCommand;
import org.alima.portal.api.imports.ImportCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The administration commands of the portal's jar ({@code java -jar portal-api.jar create-admin --email …}): each
 * starts only what it needs (the database), does its work and exits, without starting the server. Not thread-safe;
 * one run per instance.
 */
@Command(
        name = "portal-api",
        description = "Without arguments: starts the portal. With a command: runs it and exits.",
        subcommands = CommandLine.HelpCommand.class)
public final class AdminCommands {

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help and exit.")
    boolean help;

    private AdminCommands() {}

    /**
     * Runs the command {@code args} name.
     *
     * @param environment the process environment: PORTAL_DATA_DIR, PORTAL_DB_URL… as for the server, and
     *     PORTAL_ADMIN_PASSWORD
     * @param console where to ask for a password, or null when there is none
     * @return the exit status: 0 done, 1 failed, 2 wrong usage
     */
    public static int run(
            String[] args,
            Map<String, String> environment,
            @Nullable Console console,
            PrintWriter out,
            PrintWriter err) {
        CommandLine commands = new CommandLine(new AdminCommands())
                .addSubcommand("create-admin", new CreateAdminCommand(environment, console))
                .addSubcommand("backup", new BackupCommand(environment))
                .addSubcommand("restore", new RestoreCommand(environment))
                .addSubcommand("import", new ImportCommand(environment, console != null));
        commands.setOut(out);
        commands.setErr(err);
        try {
            return commands.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }
}
