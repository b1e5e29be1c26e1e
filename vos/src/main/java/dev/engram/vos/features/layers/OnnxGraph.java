package dev.engram.vos.features.layers;

import java.util.ArrayList;
import java.util.List;

/**
 * An ONNX model under construction: float32 NCHW tensors, nodes of the default domain at opset 13,
 * initializers, one image input with symbolic height and width. {@link #toBytes()} gives the
 * serialized {@code ModelProto} that ONNX Runtime loads. Field numbers follow onnx.proto (IR 8).
 */
final class OnnxGraph {
    static final int IR_VERSION = 8;
    static final int OPSET = 13;
    private static final int FLOAT = 1;
    private static final int INT64 = 7;

    private final List<ProtoWriter> nodes = new ArrayList<>();
    private final List<ProtoWriter> initializers = new ArrayList<>();
    private final List<ProtoWriter> outputs = new ArrayList<>();
    private final String name;
    private final String input;
    private final int inputChannels;
    private int counter;

    OnnxGraph(String name, String input, int inputChannels) {
        this.name = name;
        this.input = input;
        this.inputChannels = inputChannels;
    }

    /** A fresh tensor name derived from {@code base}. */
    String fresh(String base) {
        return base + "#" + (counter++);
    }

    /** A float32 initializer; returns its name. */
    String floats(String tensorName, long[] dims, float[] values) {
        ProtoWriter t = new ProtoWriter();
        for (long d : dims) t.varint(1, d);
        t.varint(2, FLOAT).string(8, tensorName).bytes(9, ProtoWriter.littleEndian(values));
        initializers.add(t);
        return tensorName;
    }

    /** An int64 initializer (e.g. Pad's pads); returns its name. */
    String int64s(String tensorName, long[] values) {
        ProtoWriter t = new ProtoWriter().varint(1, values.length).varint(2, INT64).string(8, tensorName)
                .packedVarints(7, values);
        initializers.add(t);
        return tensorName;
    }

    Node node(String opType, String nodeName, List<String> inputs, String output) {
        return new Node(opType, nodeName, inputs, output);
    }

    void output(String tensorName) {
        outputs.add(valueInfo(tensorName, -1));
    }

    private static ProtoWriter valueInfo(String tensorName, int channels) {
        ProtoWriter shape = new ProtoWriter();
        shape.message(1, new ProtoWriter().varint(1, 1));
        shape.message(1, channels > 0 ? new ProtoWriter().varint(1, channels) : new ProtoWriter().string(2, "channels_" + tensorName));
        shape.message(1, new ProtoWriter().string(2, "height_" + tensorName));
        shape.message(1, new ProtoWriter().string(2, "width_" + tensorName));
        ProtoWriter tensorType = new ProtoWriter().varint(1, FLOAT).message(2, shape);
        return new ProtoWriter().string(1, tensorName).message(2, new ProtoWriter().message(1, tensorType));
    }

    byte[] toBytes() {
        ProtoWriter graph = new ProtoWriter();
        for (ProtoWriter n : nodes) graph.message(1, n);
        graph.string(2, name);
        for (ProtoWriter t : initializers) graph.message(5, t);
        graph.message(11, valueInfo(input, inputChannels));
        for (ProtoWriter o : outputs) graph.message(12, o);
        return new ProtoWriter().varint(1, IR_VERSION).string(2, "engram").string(3, "1")
                .message(7, graph).message(8, new ProtoWriter().string(1, "").varint(2, OPSET)).toBytes();
    }

    /** A node being given attributes; added to the graph by {@link #add()}. */
    final class Node {
        private final ProtoWriter proto = new ProtoWriter();

        private Node(String opType, String nodeName, List<String> inputs, String output) {
            for (String in : inputs) proto.string(1, in);
            proto.string(2, output).string(3, nodeName).string(4, opType);
        }

        Node ints(String attr, long... values) {
            ProtoWriter a = new ProtoWriter().string(1, attr);
            for (long v : values) a.varint(8, v);
            a.varint(20, 7);
            return attribute(a);
        }

        Node integer(String attr, long value) {
            return attribute(new ProtoWriter().string(1, attr).varint(3, value).varint(20, 2));
        }

        Node real(String attr, float value) {
            return attribute(new ProtoWriter().string(1, attr).fixed32Float(2, value).varint(20, 1));
        }

        Node text(String attr, String value) {
            return attribute(new ProtoWriter().string(1, attr).string(4, value).varint(20, 3));
        }

        private Node attribute(ProtoWriter a) {
            proto.message(5, a);
            return this;
        }

        void add() {
            nodes.add(proto);
        }
    }
}
