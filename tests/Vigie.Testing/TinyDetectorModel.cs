using System.Text;

namespace Vigie.Testing;

/// <summary>Where a YOLO-style model puts its candidates: rows with an objectness (YOLOv5), or columns without (YOLOv8).</summary>
public enum TinyModelLayout
{
    RowsWithObjectness,
    ColumnsWithoutObjectness,
}

/// <summary>
/// A tiny object detector written as an ONNX file by the tests themselves (no model to download): its input
/// <c>[1, 3, 64, 64]</c> is cut in a 4×4 grid of 16-pixel cells; a convolution gives each cell's mean brightness, and
/// a cell brighter than mid-grey is an object filling the cell, of class <paramref name="classIndex"/>. A real
/// computation over the pixels through ONNX Runtime, with a YOLO-style output (boxes in input pixels), so that the
/// detector's picture preparation, output reading and coordinates are tested for real.
/// </summary>
public static class TinyDetectorModel
{
    public const int InputSide = 64;
    public const int Cell = 16;
    private const int Cells = InputSide / Cell;

    /// <param name="names">Written as Ultralytics does in the <c>names</c> metadata; null writes none.</param>
    public static byte[] Build(TinyModelLayout layout, IReadOnlyList<string>? names, int classIndex)
    {
        var classes = names?.Count ?? 80;
        var count = Cells * Cells;
        var boxes = new float[count * 4];
        for (var i = 0; i < count; i++)
        {
            boxes[(i * 4) + 0] = ((i % Cells) * Cell) + (Cell / 2f);
            boxes[(i * 4) + 1] = ((i / Cells) * Cell) + (Cell / 2f);
            boxes[(i * 4) + 2] = Cell;
            boxes[(i * 4) + 3] = Cell;
        }

        var scores = new float[count * classes];
        for (var i = 0; i < count; i++)
        {
            scores[(i * classes) + classIndex] = 1;
        }

        var weight = Enumerable.Repeat(1f / (3 * Cell * Cell), 3 * Cell * Cell).ToArray();
        var graph = new Proto();
        graph.Message(1, Node("Conv", ["images", "weight"], ["brightness"], new Proto().String(1, "kernel_shape").Ints(8, Cell, Cell).Int(20, 7), new Proto().String(1, "strides").Ints(8, Cell, Cell).Int(20, 7)));
        graph.Message(1, Node("Reshape", ["brightness", "cells"], ["flat"]));
        graph.Message(1, Node("Mul", ["flat", "gain"], ["scaled"]));
        graph.Message(1, Node("Add", ["scaled", "bias"], ["logit"]));
        graph.Message(1, Node("Sigmoid", ["logit"], ["objectness"]));
        graph.String(2, "tiny-detector");
        graph.Message(5, Tensor("weight", [1, 3, Cell, Cell], weight));
        graph.Message(5, Int64Tensor("cells", [1, count, 1]));
        graph.Message(5, Tensor("gain", [1], [20f]));
        graph.Message(5, Tensor("bias", [1], [-10f]));
        graph.Message(5, Tensor("boxes", [1, count, 4], boxes));
        if (layout == TinyModelLayout.RowsWithObjectness)
        {
            graph.Message(5, Tensor("scores", [1, count, classes], scores));
            graph.Message(1, Node("Concat", ["boxes", "objectness", "scores"], ["output0"], new Proto().String(1, "axis").Int(3, 2).Int(20, 2)));
            graph.Message(12, Value("output0", [1, count, 5 + classes]));
        }
        else
        {
            // No objectness: the class's own score is the cell's brightness, the others zero.
            var parts = new List<string> { "boxes" };
            if (classIndex > 0)
            {
                graph.Message(5, Tensor("before", [1, count, classIndex], new float[count * classIndex]));
                parts.Add("before");
            }

            parts.Add("objectness");
            if (classes - classIndex - 1 > 0)
            {
                graph.Message(5, Tensor("after", [1, count, classes - classIndex - 1], new float[count * (classes - classIndex - 1)]));
                parts.Add("after");
            }

            graph.Message(1, Node("Concat", [.. parts], ["rows"], new Proto().String(1, "axis").Int(3, 2).Int(20, 2)));
            graph.Message(1, Node("Transpose", ["rows"], ["output0"], new Proto().String(1, "perm").Ints(8, 0, 2, 1).Int(20, 7)));
            graph.Message(12, Value("output0", [1, 4 + classes, count]));
        }

        graph.Message(11, Value("images", [1, 3, InputSide, InputSide]));
        var model = new Proto().Int(1, 8).String(2, "vigie-tests").Message(7, graph).Message(8, new Proto().String(1, "").Int(2, 13));
        if (names is not null)
        {
            var text = "{" + string.Join(", ", names.Select((n, i) => $"{i}: '{n}'")) + "}";
            model.Message(14, new Proto().String(1, "names").String(2, text));
        }

        return model.ToArray();
    }

    /// <summary>A model whose input is not a picture (a flat vector), for the refusal.</summary>
    public static byte[] BuildWithFlatInput()
    {
        var graph = new Proto()
            .Message(1, Node("Sigmoid", ["input"], ["output0"]))
            .String(2, "not-a-detector")
            .Message(11, Value("input", [1, 10]))
            .Message(12, Value("output0", [1, 10]));
        return new Proto().Int(1, 8).Message(7, graph).Message(8, new Proto().String(1, "").Int(2, 13)).ToArray();
    }

    private static Proto Node(string op, string[] inputs, string[] outputs, params Proto[] attributes)
    {
        var node = new Proto();
        foreach (var input in inputs)
        {
            node.String(1, input);
        }

        foreach (var output in outputs)
        {
            node.String(2, output);
        }

        node.String(4, op);
        foreach (var attribute in attributes)
        {
            node.Message(5, attribute);
        }

        return node;
    }

    private static Proto Tensor(string name, long[] dims, float[] values)
    {
        var raw = new byte[values.Length * 4];
        Buffer.BlockCopy(values, 0, raw, 0, raw.Length);
        return new Proto().Ints(1, dims).Int(2, 1).String(8, name).Bytes(9, raw);
    }

    private static Proto Int64Tensor(string name, long[] values)
    {
        var raw = new byte[values.Length * 8];
        Buffer.BlockCopy(values, 0, raw, 0, raw.Length);
        return new Proto().Ints(1, values.Length).Int(2, 7).String(8, name).Bytes(9, raw);
    }

    private static Proto Value(string name, long[] dims)
    {
        var shape = new Proto();
        foreach (var dim in dims)
        {
            shape.Message(1, dim > 0 ? new Proto().Int(1, dim) : new Proto().String(2, "n"));
        }

        var tensor = new Proto().Int(1, 1).Message(2, shape);
        return new Proto().String(1, name).Message(2, new Proto().Message(1, tensor));
    }

    /// <summary>Protocol Buffers' wire format, the few field kinds an ONNX file needs.</summary>
    private sealed class Proto
    {
        private readonly MemoryStream _bytes = new();

        public Proto Int(int field, long value)
        {
            Key(field, 0);
            Varint((ulong)value);
            return this;
        }

        public Proto Ints(int field, params long[] values)
        {
            var packed = new Proto();
            foreach (var value in values)
            {
                packed.Varint((ulong)value);
            }

            return Bytes(field, packed.ToArray());
        }

        public Proto String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

        public Proto Message(int field, Proto message) => Bytes(field, message.ToArray());

        public Proto Bytes(int field, byte[] value)
        {
            Key(field, 2);
            Varint((ulong)value.Length);
            _bytes.Write(value);
            return this;
        }

        public byte[] ToArray() => _bytes.ToArray();

        private void Key(int field, int wireType) => Varint((ulong)((field << 3) | wireType));

        private void Varint(ulong value)
        {
            while (value >= 0x80)
            {
                _bytes.WriteByte((byte)(value | 0x80));
                value >>= 7;
            }

            _bytes.WriteByte((byte)value);
        }
    }
}
