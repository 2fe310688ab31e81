package io.mergelattice.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Entry point of {@code ./mergelattice}: dispatches to a subcommand. */
public final class Main {
    /** A subcommand: its one-line summary and what runs it (returns the exit code). */
    record Command(String summary, CommandBody body) {
    }

    @FunctionalInterface
    interface CommandBody {
        int run(String[] args, PrintStream out, PrintStream err) throws Exception;
    }

    static Map<String, Command> commands() {
        Map<String, Command> c = new LinkedHashMap<>();
        c.put("serve", new Command("run the MergeLattice service (REST API, embedded PostgreSQL by default)",
                (a, o, e) -> {
                    e.println("serve is handled by the ./mergelattice script (it runs the service jar)");
                    return 2;
                }));
        c.put("merge", new Command("merge safetensors models locally (no server), the way mergekit does",
                MergeCommand::run));
        c.put("strategies", new Command("list the merge strategies with parameters, defaults and class (--json)",
                StrategiesCommand::run));
        c.put("audit", new Command("check each strategy's algebraic laws pairwise vs the order-free set resolve",
                AuditCommand::run));
        c.put("bench", new Command("measure kernel, hashing and I/O speed against a same-run copy baseline",
                Bench::run));
        return c;
    }

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, Command> commands = commands();
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            usage(out, commands);
            return args.length == 0 ? 2 : 0;
        }
        Command command = commands.get(args[0]);
        if (command == null) {
            err.println("mergelattice: unknown command '" + args[0] + "' (see ./mergelattice --help)");
            return 2;
        }
        try {
            return command.body().run(Arrays.copyOfRange(args, 1, args.length), out, err);
        } catch (UsageException e) {
            err.println("mergelattice " + args[0] + ": " + e.getMessage());
            return 2;
        } catch (java.nio.file.NoSuchFileException e) {
            err.println("mergelattice " + args[0] + ": no such file or directory: " + e.getFile());
            return 1;
        } catch (Exception e) {
            err.println("mergelattice " + args[0] + ": " + oneLine(e));
            return 1;
        }
    }

    private static String oneLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replace('\n', ' ');
    }

    private static void usage(PrintStream out, Map<String, Command> commands) {
        out.println("Usage: ./mergelattice <command> [options]   (./mergelattice <command> --help for options)");
        out.println();
        out.println("Commands:");
        commands.forEach((name, c) -> out.printf("  %-12s %s%n", name, c.summary()));
    }
}
