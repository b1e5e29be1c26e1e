package dev.engram.vos.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Discovers DAVIS-style sequences under a root folder, in either layout:
 * <ul>
 *   <li>flat: {@code <root>/<seq>/frames/*.jpg} and {@code <root>/<seq>/masks/*.png}
 *       ({@code root} may also be a single sequence folder holding {@code frames/});
 *   <li>DAVIS: {@code <root>/JPEGImages/480p/<seq>/*.jpg} and {@code <root>/Annotations/480p/<seq>/*.png}.
 * </ul>
 * Sequences are sorted by name, frames by file name. Frame files are {@code .jpg/.jpeg/.png}; mask
 * files {@code .png}. Masks pair with frames by file stem and may exist for only some frames.
 *
 * <p>Failure behaviour: {@link BadInputException} naming the folder when the root is not a folder or
 * holds neither layout, when a sequence has no frames, or when its first frame has no mask.
 */
public final class DavisFolder {
    private DavisFolder() {}

    /** All sequences under {@code root}, sorted by name. */
    public static List<DavisSequence> discover(Path root) {
        if (!Files.isDirectory(root)) {
            throw new BadInputException(root + ": not a folder");
        }
        Path davisImages = root.resolve("JPEGImages").resolve("480p");
        if (Files.isDirectory(davisImages)) {
            Path davisMasks = root.resolve("Annotations").resolve("480p");
            List<DavisSequence> out = new ArrayList<>();
            for (Path seqDir : subfolders(davisImages)) {
                String name = seqDir.getFileName().toString();
                out.add(sequence(name, seqDir, davisMasks.resolve(name)));
            }
            return out;
        }
        if (Files.isDirectory(root.resolve("frames"))) {
            return List.of(sequence(root.getFileName().toString(), root.resolve("frames"), root.resolve("masks")));
        }
        List<DavisSequence> out = new ArrayList<>();
        for (Path seqDir : subfolders(root)) {
            if (Files.isDirectory(seqDir.resolve("frames"))) {
                out.add(sequence(seqDir.getFileName().toString(), seqDir.resolve("frames"), seqDir.resolve("masks")));
            }
        }
        if (out.isEmpty()) {
            throw new BadInputException(root + ": no sequences found (expected <seq>/frames/*.jpg or JPEGImages/480p/<seq>/*.jpg)");
        }
        return out;
    }

    /** The sequence called {@code name} under {@code root}. */
    public static DavisSequence open(Path root, String name) {
        for (DavisSequence s : discover(root)) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new BadInputException(root + ": no sequence named '" + name + "'");
    }

    private static DavisSequence sequence(String name, Path frameDir, Path maskDir) {
        List<Path> frames = files(frameDir, ".jpg", ".jpeg", ".png");
        if (frames.isEmpty()) {
            throw new BadInputException(frameDir + ": sequence '" + name + "' has no frames (*.jpg, *.jpeg, *.png)");
        }
        Map<String, Path> masksByStem = new LinkedHashMap<>();
        if (Files.isDirectory(maskDir)) {
            for (Path m : files(maskDir, ".png")) {
                masksByStem.put(DavisSequence.stem(m), m);
            }
        }
        String firstStem = DavisSequence.stem(frames.get(0));
        if (!masksByStem.containsKey(firstStem)) {
            throw new BadInputException(maskDir + ": sequence '" + name + "' has no mask " + firstStem
                    + ".png for its first frame " + frames.get(0).getFileName());
        }
        return new DavisSequence(name, frameDir, frames, masksByStem);
    }

    private static List<Path> subfolders(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot list folder", e);
        }
    }

    private static List<Path> files(Path dir, String... extensions) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                for (String e : extensions) {
                    if (n.endsWith(e)) {
                        return true;
                    }
                }
                return false;
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot list folder", e);
        }
    }
}
