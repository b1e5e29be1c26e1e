package dev.engram.snn.events;

import dev.engram.snn.OptionSet;
import dev.engram.snn.audio.Cochlea;
import dev.engram.snn.audio.CochleaOptions;
import dev.engram.snn.audio.PcmReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Audio as events: a WAV file or raw PCM runs through a {@link Cochlea} while it is read, so audio
 * streams through every event consumer (statistics, the reservoir, the Flink event source). The
 * "sensor" is {@code cochlea.channels} x 1: {@code x} is the frequency channel, {@code y} is 0. Memory
 * is fixed: the PCM reader's buffer, the cochlea's per-channel state, and the events of one block of
 * {@value #BLOCK} samples waiting for the caller's batch.
 *
 * <p>Failure behaviour is the {@link PcmReader}'s: a damaged header raises an
 * {@link EventDecodeException}; a file cut short ends after the events of its last whole frame with
 * {@link #truncated()} set.
 */
public final class CochleaDecoder implements EventDecoder {
    static final int BLOCK = 256;

    private final PcmReader pcm;
    private final Cochlea cochlea;
    private final EventFormat format;
    private final float[] block = new float[BLOCK];
    private int[] pendingX = new int[1024];
    private byte[] pendingP = new byte[1024];
    private long[] pendingT = new long[1024];
    private int pendingStart;
    private int pendingEnd;
    private boolean ended;

    public CochleaDecoder(PcmReader pcm, OptionSet cochleaOptions, EventFormat format) {
        this.pcm = pcm;
        this.format = format;
        // A header cut short leaves no sample rate: such a stream has no events, only its truncation.
        this.cochlea = pcm.sampleRate() > 0 ? new Cochlea(pcm.sampleRate(), cochleaOptions) : null;
        this.ended = cochlea == null;
    }

    /** A WAV file through a cochlea with {@code options}. */
    public static CochleaDecoder wav(Path path, OptionSet options) throws IOException {
        InputStream in = Files.newInputStream(path);
        try {
            return new CochleaDecoder(PcmReader.wav(new java.io.BufferedInputStream(in, 1 << 16), path.toString()), options, EventFormat.WAV);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Raw 16-bit little-endian mono PCM at {@code cochlea.pcm.sample-rate} through a cochlea with {@code options}. */
    public static CochleaDecoder pcm(Path path, OptionSet options) throws IOException {
        InputStream in = Files.newInputStream(path);
        return new CochleaDecoder(PcmReader.raw16(in, path.toString(), options.get(CochleaOptions.PCM_SAMPLE_RATE)), options, EventFormat.PCM);
    }

    /** The cochlea behind the events (null when the header was cut before the sample rate). */
    public Cochlea cochlea() { return cochlea; }

    @Override
    public EventFormat format() { return format; }

    @Override
    public int width() { return cochlea == null ? -1 : cochlea.channels(); }

    @Override
    public int height() { return cochlea == null ? -1 : 1; }

    @Override
    public int read(EventBatch batch) throws IOException {
        batch.clear();
        batch.setGeometry(width(), height());
        int cap = batch.capacity();
        while (batch.size() < cap) {
            if (pendingStart == pendingEnd) {
                if (ended) break;
                pendingStart = 0;
                pendingEnd = 0;
                int n = pcm.read(block);
                if (n < 0) {
                    ended = true;
                    break;
                }
                cochlea.accept(block, 0, n, this::queue);
                continue;
            }
            int take = Math.min(cap - batch.size(), pendingEnd - pendingStart);
            for (int k = 0; k < take; k++) {
                int i = pendingStart + k;
                batch.add(pendingX[i], 0, pendingP[i] != 0, pendingT[i]);
            }
            pendingStart += take;
        }
        return batch.size() == 0 ? -1 : batch.size();
    }

    private void queue(int x, int y, boolean on, long t) {
        if (pendingEnd == pendingX.length) {
            int grown = pendingX.length * 2;
            pendingX = Arrays.copyOf(pendingX, grown);
            pendingP = Arrays.copyOf(pendingP, grown);
            pendingT = Arrays.copyOf(pendingT, grown);
        }
        pendingX[pendingEnd] = x;
        pendingP[pendingEnd] = on ? (byte) 1 : 0;
        pendingT[pendingEnd] = t;
        pendingEnd++;
    }

    @Override
    public boolean truncated() { return pcm.truncated(); }

    @Override
    public String truncationDetail() { return pcm.truncationDetail(); }

    @Override
    public String source() { return pcm.source(); }

    @Override
    public void close() throws IOException {
        ended = true;
        pcm.close();
    }
}
