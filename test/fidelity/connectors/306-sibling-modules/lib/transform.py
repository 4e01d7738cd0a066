def flatten(record, prefix=""):
    out = {}
    for k, v in record.items():
        if isinstance(v, dict):
            out.update(flatten(v, prefix + k + "_"))
        else:
            out[prefix + k] = v
    return out
