package dev.engram.tta;

/** The test-time adaptation methods one {@link Adapter} interface covers. */
public enum Method {
    /** The frozen source model, no adaptation. */
    SOURCE,
    /** TENT: normalisation affine parameters adapted by entropy minimisation, test-batch statistics. */
    TENT,
    /** EcoTTA: frozen network, meta networks beside K encoder parts, confident-sample entropy plus self-distillation. */
    ECOTTA;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
