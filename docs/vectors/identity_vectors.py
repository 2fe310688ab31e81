#!/usr/bin/env python3
"""Independent re-computation of the identity test vectors of docs/identity.md (design.md §2).

Written from the text of docs/identity.md only (no project code), so that the Java tests that pin these values
check the implementation against a second reading of the definition. Run: python3 docs/vectors/identity_vectors.py
"""
import hashlib
import struct

def sha(*parts):
    h = hashlib.sha256()
    for p in parts:
        h.update(p)
    return h.digest()

def merkle(leaves):
    if not leaves:
        return sha(b"\x03")
    level = list(leaves)
    while len(level) > 1:
        nxt = [sha(b"\x01", level[i], level[i + 1]) for i in range(0, len(level) - 1, 2)]
        if len(level) % 2:
            nxt.append(level[-1])  # odd node promoted unchanged
        level = nxt
    return level[0]

def u32(v): return struct.pack("<I", v)
def u64(v): return struct.pack("<Q", v & 0xFFFFFFFFFFFFFFFF)
def s(x): b = x.encode("utf-8"); return u32(len(b)) + b

CHUNK = 1 << 20
def chunk_root(data):
    return merkle([sha(b"\x00", data[i:i + CHUNK]) for i in range(0, len(data), CHUNK)])

def tensor_leaf(name, dtype, shape, data):
    enc = s(name) + s(dtype) + u32(len(shape)) + b"".join(u64(d) for d in shape) + chunk_root(data)
    return sha(b"\x02", enc)

def content_root(tensors):  # tensors: dict name -> (dtype, shape, bytes)
    names = sorted(tensors, key=lambda n: n.encode("utf-8"))
    return merkle([tensor_leaf(n, *tensors[n]) for n in names])

def f64bits(x): return struct.unpack("<Q", struct.pack("<d", x))[0]

def manifest(ws, content, kind, base, weight, artifacts, org, label):
    enc = bytes([1]) + s(ws) + content + s(kind)
    enc += (bytes([1]) + base) if base is not None else bytes([0])
    enc += u64(f64bits(0.0 if weight == 0 else weight)) + u32(len(artifacts))
    for name in sorted(artifacts, key=lambda n: n.encode("utf-8")):
        enc += s(name) + artifacts[name]
    return enc + s(org) + s(label)

def param(v):
    if isinstance(v, bool): return bytes([3, 1 if v else 0])
    if isinstance(v, int): return bytes([2]) + u64(v)
    if isinstance(v, float): return bytes([1]) + u64(f64bits(v))
    return bytes([4]) + s(v)

def recipe(strategy, version, params, out):
    enc = bytes([1]) + s(strategy) + u32(version) + u32(len(params))
    for name in sorted(params, key=lambda n: n.encode("utf-8")):
        enc += s(name) + param(params[name])
    return enc + s(out)

out = {}
out["empty_root"] = sha(b"\x03")
out["chunk_leaf_abc"] = sha(b"\x00", b"abc")
leaves = [sha(b"\x00", bytes([i])) for i in range(5)]
for n in (1, 2, 3, 5):
    out[f"merkle_{n}"] = merkle(leaves[:n])
big = bytes(i % 251 for i in range(CHUNK * 2 + CHUNK // 2))
out["chunk_root_2.5MiB"] = chunk_root(big)
out["chunk_root_empty"] = chunk_root(b"")
w = struct.pack("<4f", 1.0, 2.0, 3.0, 4.0)
out["tensor_leaf_layer.weight"] = tensor_leaf("layer.weight", "F32", [2, 2], w)
model = {
    "layer.weight": ("F32", [2, 2], w),
    "layer.bias": ("F32", [2], struct.pack("<2f", 0.5, -0.5)),
    "scalar": ("F64", [], struct.pack("<d", 3.25)),
}
croot = content_root(model)
out["content_root_model"] = croot
base = content_root({"layer.weight": ("F32", [2, 2], bytes(16))})
out["content_root_base"] = base
m = manifest("demo", croot, "delta", base, 1.0, {"fisher": sha(b"\x00", b"fisher")}, "org-a", "run 1")
out["manifest_bytes_len"] = len(m)
cid_a = sha(b"\x04", m)
out["contribution_id_a"] = cid_a
cid_b = sha(b"\x04", manifest("demo", croot, "full", None, 2.5, {}, "org-b", ""))
out["contribution_id_b"] = cid_b
r = recipe("ties", 1, {"density": 0.2, "consensus_method": "sum", "normalize": True, "lambda": 1.0}, "F32")
rid = sha(b"\x05", r)
out["recipe_id_ties"] = rid
sroot = merkle(sorted([cid_a, cid_b]))
out["set_root_ab"] = sroot
out["result_id"] = sha(b"\x06", sroot, rid)
out["seed"] = sha(b"\x07", sroot, rid)
for k, v in out.items():
    print(f"{k} = {v.hex() if isinstance(v, bytes) else v}")
