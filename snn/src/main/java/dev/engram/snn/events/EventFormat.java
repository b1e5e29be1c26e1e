package dev.engram.snn.events;

import dev.engram.snn.OptionSet;
import dev.engram.snn.audio.CochleaOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The event recording formats Engram reads, with their command-line names ({@code --format}).
 * {@link #detect(Path)} recognises a format from its header where it has one (AEDAT 4 magic,
 * "Event Stream" magic, Prophesee '%' header with an {@code evt} or {@code format} line, DAT's
 * "Data file containing" line) and otherwise from the file extension.
 */
public enum EventFormat {
    /** N-MNIST / N-Caltech101 {@code .bin} and SLAYER {@code .bs2}: 5-byte events, no header. */
    NMNIST("nmnist", "bin", "bs2"),
    /** Prophesee EVT 2.0 {@code .raw}. */
    EVT2("evt2"),
    /** Prophesee EVT 3.0 {@code .raw}. */
    EVT3("evt3"),
    /** Prophesee / N-CARS {@code .dat}. */
    DAT("dat", "dat"),
    /** iniVation AEDAT 4.0. */
    AEDAT4("aedat4", "aedat4"),
    /** Event Stream {@code .es} v2, DVS type. */
    ES("es", "es"),
    /** Text x,y,p,t lines. */
    CSV("csv", "csv", "txt"),
    /** RIFF/WAVE audio, turned into events by the silicon-cochlea emulator ({@link CochleaDecoder}). */
    WAV("wav", "wav"),
    /** Raw 16-bit little-endian mono PCM at {@code cochlea.pcm.sample-rate}, through the cochlea emulator. */
    PCM("pcm", "pcm");

    private static final int SNIFF_BYTES = 64 * 1024;

    private final String cliName;
    private final List<String> extensions;

    EventFormat(String cliName, String... extensions) {
        this.cliName = cliName;
        this.extensions = List.of(extensions);
    }

    /** The name used by {@code --format}. */
    public String cliName() {
        return cliName;
    }

    /** File extensions (lower case, without dot) that imply this format when the header says nothing. */
    public List<String> extensions() {
        return extensions;
    }

    /** All names {@code --format} accepts, {@code auto} first. */
    public static List<String> cliNames() {
        List<String> names = new ArrayList<>();
        names.add("auto");
        for (EventFormat f : values()) names.add(f.cliName);
        return names;
    }

    /**
     * The format for a {@code --format} name; empty for {@code auto} (detect from the file).
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Optional<EventFormat> fromName(String name) {
        String n = name == null ? "auto" : name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("auto")) return Optional.empty();
        for (EventFormat f : values()) {
            if (f.cliName.equals(n)) return Optional.of(f);
        }
        throw new IllegalArgumentException("unknown event format '" + name + "'; use one of " + String.join("|", cliNames()));
    }

    /** Opens a decoder for this format with its default options (audio: the default {@code cochlea.*} options). */
    public EventDecoder open(Path path) throws IOException {
        return open(path, CochleaOptions.defaults());
    }

    /** Opens a decoder for this format; audio formats run through a cochlea with {@code cochlea} options. */
    public EventDecoder open(Path path, OptionSet cochlea) throws IOException {
        return switch (this) {
            case WAV -> CochleaDecoder.wav(path, cochlea);
            case PCM -> CochleaDecoder.pcm(path, cochlea);
            case NMNIST -> NmnistDecoder.open(path);
            case EVT2 -> Evt2Decoder.open(path);
            case EVT3 -> Evt3Decoder.open(path);
            case DAT -> DatDecoder.open(path);
            case AEDAT4 -> Aedat4Decoder.open(path);
            case ES -> EventStreamDecoder.open(path);
            case CSV -> CsvEventDecoder.open(path);
        };
    }

    /**
     * Detects the format of a file from its first bytes (including the RIFF/WAVE header of audio), falling back to its extension.
     *
     * @throws EventDecodeException when the file is a known but unsupported format (AEDAT 2/3, EVT 2.1)
     *     or nothing identifies it
     */
    public static EventFormat detect(Path path) throws IOException {
        byte[] head = new byte[SNIFF_BYTES];
        int n = 0;
        try (InputStream in = Files.newInputStream(path)) {
            while (n < head.length) {
                int r = in.read(head, n, head.length - n);
                if (r < 0) break;
                n += r;
            }
        }
        String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        String ext = name.lastIndexOf('.') < 0 ? "" : name.substring(name.lastIndexOf('.') + 1);
        String src = path.toString();
        if (startsWith(head, n, Aedat4Decoder.MAGIC)) return AEDAT4;
        if (startsWith(head, n, "#!AER-DAT".getBytes(StandardCharsets.US_ASCII))) {
            String version = new String(head, 0, Math.min(n, 16), StandardCharsets.US_ASCII).split("\\s")[0];
            throw new EventDecodeException(src, 0, version + " files are not supported (only AEDAT 4.0)");
        }
        if (startsWith(head, n, EventStreamDecoder.MAGIC)) return ES;
        if (n >= 12 && startsWith(head, n, "RIFF".getBytes(StandardCharsets.US_ASCII))
                && new String(head, 8, 4, StandardCharsets.US_ASCII).equals("WAVE")) return WAV;
        if (n > 0 && head[0] == '%') {
            List<String> lines = percentLines(head, n);
            String encoding = PropheseeHeader.parse(lines).encoding();
            if ("evt2".equals(encoding)) return EVT2;
            if ("evt3".equals(encoding)) return EVT3;
            if (encoding != null) {
                throw new EventDecodeException(src, 0, "Prophesee encoding '" + encoding + "' is not supported (only EVT 2.0 and 3.0)");
            }
            boolean datLine = lines.stream().anyMatch(l -> l.toLowerCase(Locale.ROOT).contains("data file containing"));
            if (datLine || ext.equals("dat")) return DAT;
            if (ext.equals("raw")) {
                throw new EventDecodeException(src, 0, "Prophesee .raw header names no encoding ('% evt 2.0' or '% evt 3.0'); pass --format evt2 or evt3");
            }
        }
        for (EventFormat f : values()) {
            if (f.extensions.contains(ext)) return f;
        }
        throw new EventDecodeException(src, 0, "cannot tell the event format from the header or the extension '." + ext
                + "'; pass --format " + String.join("|", cliNames()));
    }

    private static boolean startsWith(byte[] b, int n, byte[] prefix) {
        if (n < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) if (b[i] != prefix[i]) return false;
        return true;
    }

    private static List<String> percentLines(byte[] b, int n) {
        List<String> lines = new ArrayList<>();
        int p = 0;
        while (p < n && b[p] == '%') {
            int e = p;
            while (e < n && b[e] != '\n') e++;
            lines.add(new String(b, p + 1, e - p - 1, StandardCharsets.ISO_8859_1).trim());
            p = e + 1;
        }
        return lines;
    }
}
