"""USE v3's convolution branches as int8 matrix products in ONNX Runtime.

Six matrix products (two per n-gram branch, 0.5-1.3k x 256 each) are about three quarters
of the network's arithmetic; numpy offers them in float32 only, at the machine's float32
rate. The CPU here has AVX-512 VNNI, which ONNX Runtime's int8 kernels use: the same
products measured 3x faster (``DynamicQuantizeMatMul``; README "Embedding throughput").

The weights are quantised once per process, per output column (symmetric int8, scale =
largest magnitude / 127); the activations are quantised per micro-batch by ONNX Runtime.
Everything else (the per-piece first layer of :mod:`.forward`, pooling and the fully
connected tail) stays float32 numpy. A vector therefore depends on which texts share its
micro-batch by more than float32 rounding (about 1e-3 in cosine), but the batches are formed
from the token lists alone, so the output is still the same for any thread count.
"""
from __future__ import annotations

from itertools import chain

import numpy as np

from .forward import _CNN, _EMB, _MAX_LEFT, _ORDERS, Forward

_OPSET = 17
_IR_VERSION = 8


def _graph(net):  # type: ignore[no-untyped-def]
    """The branches, layer norm included: (x: T x 768, emb: T x 512, idx: T x 5) -> T x 1280."""
    from onnx import TensorProto, helper
    from onnx import numpy_helper as nh

    inits = [nh.from_array(np.zeros((1, _CNN), np.float32), "zero_row")]
    nodes = []

    def matmul(inp: str, w: np.ndarray, out: str) -> None:
        scale = np.maximum(np.abs(w).max(axis=0), 1e-12) / 127.0
        quant = np.clip(np.round(w / scale), -127, 127).astype(np.int8)
        inits.extend([nh.from_array(quant, out + "_wq"), nh.from_array(scale.astype(np.float32), out + "_ws"),
                      nh.from_array(np.zeros(w.shape[1], np.int8), out + "_wz")])
        nodes.append(helper.make_node("DynamicQuantizeMatMul", [inp, out + "_wq", out + "_ws", out + "_wz"], [out],
                                      domain="com.microsoft"))

    def window(src: str, i: int, n: int, left: int, out: str) -> None:
        """Rows of ``src`` at the token's n-gram window, zero outside its sentence, side by side."""
        nodes.append(helper.make_node("Concat", [src, "zero_row"], [out + "_pad"], axis=0))
        nodes.append(helper.make_node("Gather", [out + "_pad", f"cols{i}"], [out + "_win"], axis=0))
        nodes.append(helper.make_node("Reshape", [out + "_win", f"shape{i}"], [out]))

    # the first-layer rows come as float16 (as remembered): widened here, exactly, faster than numpy does
    nodes.append(helper.make_node("Cast", ["x16"], ["x"], to=TensorProto.FLOAT))
    nodes.append(helper.make_node("Split", ["x", "split3"], ["xs0", "xs1", "xs2"], axis=1))
    inits.append(nh.from_array(np.array([_CNN] * 3, np.int64), "split3"))
    branches = ["emb"]
    for i, (n, left) in enumerate(_ORDERS):
        inits.append(nh.from_array(np.arange(_MAX_LEFT - left, _MAX_LEFT - left + n, dtype=np.int64), f"sel{i}"))
        inits.append(nh.from_array(np.array([-1, n * _CNN], np.int64), f"shape{i}"))
        inits.append(nh.from_array(net.b1[i].astype(np.float32), f"b1_{i}"))
        inits.append(nh.from_array(net.b2[i].astype(np.float32), f"b2_{i}"))
        nodes.append(helper.make_node("Gather", ["idx", f"sel{i}"], [f"cols{i}"], axis=1))
        window(f"xs{i}", i, n, left, f"w1_{i}")
        matmul(f"w1_{i}", net.w1[i], f"m1_{i}")
        nodes.append(helper.make_node("Add", [f"m1_{i}", f"b1_{i}"], [f"a1_{i}"]))
        nodes.append(helper.make_node("Relu", [f"a1_{i}"], [f"r1_{i}"]))
        nodes.append(helper.make_node("Add", [f"r1_{i}", f"xs{i}"], [f"h{i}"]))
        window(f"h{i}", i, n, left, f"w2_{i}")
        matmul(f"w2_{i}", net.w2[i], f"m2_{i}")
        nodes.append(helper.make_node("Add", [f"m2_{i}", f"b2_{i}"], [f"a2_{i}"]))
        nodes.append(helper.make_node("Relu", [f"a2_{i}"], [f"r2_{i}"]))
        nodes.append(helper.make_node("Add", [f"r2_{i}", f"h{i}"], [f"c{i}"]))
        branches.append(f"c{i}")
    nodes.append(helper.make_node("Concat", branches, ["feats_raw"], axis=1))
    inits.extend([nh.from_array(net.ln_g.astype(np.float32), "ln_g"),
                  nh.from_array(net.ln_b.astype(np.float32), "ln_b")])
    nodes.append(helper.make_node("LayerNormalization", ["feats_raw", "ln_g", "ln_b"], ["feats"], axis=-1,
                                  epsilon=float(net.eps)))
    width = _EMB + 3 * _CNN
    inputs = [helper.make_tensor_value_info("x16", TensorProto.FLOAT16, [None, 3 * _CNN]),
              helper.make_tensor_value_info("emb", TensorProto.FLOAT, [None, _EMB]),
              helper.make_tensor_value_info("idx", TensorProto.INT64, [None, 2 * _MAX_LEFT + 1])]
    output = helper.make_tensor_value_info("feats", TensorProto.FLOAT, [None, width])
    graph = helper.make_graph(nodes, "use3_branches_int8", inputs, [output], inits)
    # IR 8 is what opset 17 needs; a newer onnx would stamp a version older runtimes refuse
    opsets = [helper.make_opsetid("", _OPSET), helper.make_opsetid("com.microsoft", 1)]
    return helper.make_model(graph, opset_imports=opsets, ir_version=_IR_VERSION)


class Int8Forward(Forward):
    """:class:`.Forward` with the branches run by ONNX Runtime in int8 (one session, one thread
    per call; ``run`` may be called from several threads at once). The remembered first-layer
    rows are kept in float16: they feed int8 products, and a book's 60,000 pieces then take
    90 MB instead of 180."""

    ROW_DTYPE = np.float16

    def __init__(self, net) -> None:  # type: ignore[no-untyped-def]
        import onnxruntime as ort

        super().__init__(net)
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self.session = ort.InferenceSession(_graph(net).SerializeToString(), options,
                                            providers=["CPUExecutionProvider"])

    def features(self, group: list[list[int]], n_tokens: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Layer-normalised token features, the branches in int8 (see :meth:`.Forward.features`)."""
        net = self.net
        lens = np.fromiter(map(len, group), dtype=np.int64, count=len(group))
        flat = np.fromiter(chain.from_iterable(group), dtype=np.int64, count=n_tokens)
        starts = np.zeros(len(group), dtype=np.int64)
        np.cumsum(lens[:-1], out=starts[1:])
        emb = np.empty((n_tokens, _EMB), dtype=np.float32)
        x = self._stored_rows(flat, emb)
        self._embed(flat, emb)
        idx = net._window_index(starts, lens, n_tokens)
        feats = self.session.run(None, {"x16": x, "emb": emb, "idx": idx})[0]
        return feats, starts, lens
