package dev.engram.jobs.cli;

/** The in-process CLI for tests outside this package. */
public final class CliRunner {
    public record Result(int code, String out, String err) {}

    private CliRunner() {}

    public static Result run(String... args) {
        CliRun r = CliRun.engram(args);
        return new Result(r.code(), r.out(), r.err());
    }
}
