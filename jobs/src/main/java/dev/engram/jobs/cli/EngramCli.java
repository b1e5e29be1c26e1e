package dev.engram.jobs.cli;

/** Entry point of {@code engram.jar}. */
public final class EngramCli {
    public static void main(String[] args) {
        System.out.println("engram");
    }
}
