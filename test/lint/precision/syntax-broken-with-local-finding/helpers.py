def fetch(row):
    return {**row, "key": 
