package dev.engram.snn.zeroshot;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** The two trained projection heads of a cross-modal embedding: audio and vision into one space. */
public record CrossModalHeads(ProjectionHead audio, ProjectionHead vision) {
    public CrossModalHeads {
        if (audio.dimension() != vision.dimension()) throw new IllegalArgumentException("heads project into different sizes");
    }

    public void write(DataOutput out) throws IOException {
        audio.write(out);
        vision.write(out);
    }

    public static CrossModalHeads read(DataInput in) throws IOException {
        ProjectionHead a = ProjectionHead.read(in);
        ProjectionHead v = ProjectionHead.read(in);
        if (a.dimension() != v.dimension()) throw new IOException("heads project into different sizes");
        return new CrossModalHeads(a, v);
    }
}
