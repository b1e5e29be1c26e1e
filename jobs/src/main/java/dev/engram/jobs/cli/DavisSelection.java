package dev.engram.jobs.cli;

import dev.engram.vos.io.DavisSequence;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Which sequences of a DAVIS folder a VOS command runs on: the named ones, or all with ground truth. */
final class DavisSelection {
    private DavisSelection() {}

    /**
     * The sequences named (in that order), or, when {@code names} is null, every sequence with ground
     * truth for at least half its frames (the others, e.g. a demo clip annotated every few frames, are
     * named on stderr as excluded).
     *
     * @throws IllegalArgumentException naming the folder and the first name it does not hold
     */
    static List<DavisSequence> choose(Path davis, List<DavisSequence> found, List<String> names) {
        List<DavisSequence> out = new ArrayList<>();
        if (names != null) {
            for (String name : names) {
                String n = name.strip();
                out.add(found.stream().filter(s -> s.name().equals(n)).findFirst().orElseThrow(() ->
                        new IllegalArgumentException(davis + ": no sequence named '" + n + "'")));
            }
            return out;
        }
        for (DavisSequence s : found) {
            if (s.masksByStem().size() * 2 < s.size()) {
                System.err.printf("excluded %s: ground truth for only %d of %d frames (name it in --sequences to include it)%n",
                        s.name(), s.masksByStem().size(), s.size());
            } else {
                out.add(s);
            }
        }
        return out;
    }
}
