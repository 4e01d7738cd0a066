def fetch(key)
    return [{"id": 1, "key": key}]
