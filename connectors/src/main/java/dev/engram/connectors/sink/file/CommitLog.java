package dev.engram.connectors.sink.file;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The commit logs {@link FileOutputCommitter} leaves under {@code <root>/_commits/}: one file per
 * committed batch, one line per output ({@code FILE <name>}, {@code PART <name> <first> <last>},
 * {@code FINISH <name>}). Counting a name over all logs tells how often its content was committed,
 * which is how a kill test proves that no output was committed twice.
 */
public final class CommitLog {
    static final String FOLDER = "_commits";

    private CommitLog() {}

    static String line(OutputCommittable c) {
        return switch (c.type()) {
            case FILE -> "FILE " + c.target();
            case PART -> "PART " + c.target() + " " + c.first() + " " + c.last();
            case FINISH -> "FINISH " + c.target();
        };
    }

    /** Times each whole file under a local output {@code root} was committed, by name. */
    public static Map<String, Integer> fileCommits(java.nio.file.Path root) throws IOException {
        Map<String, Integer> counts = new HashMap<>();
        java.nio.file.Path dir = root.resolve(FOLDER);
        if (!Files.isDirectory(dir)) return counts;
        try (Stream<java.nio.file.Path> logs = Files.list(dir)) {
            for (java.nio.file.Path log : logs.filter(p -> p.getFileName().toString().endsWith(".log")).toList()) {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                for (String l : lines) if (l.startsWith("FILE ")) counts.merge(l.substring(5), 1, Integer::sum);
            }
        }
        return counts;
    }
}
