"""Runs a command and prints, as the last line of stderr, one JSON object with its exit code, wall time and the peak
resident memory of the largest process it waited for (the kernel's own figure, so nothing is missed between polls).
Usage: python3 measure.py <command> [args...]"""
import json
import resource
import subprocess
import sys
import time

started = time.perf_counter()
completed = subprocess.run(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
wall = time.perf_counter() - started
# ru_maxrss is in KiB on Linux.
peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
sys.stderr.write(completed.stdout.decode("utf-8", "replace")[-4000:])
sys.stderr.write("\n" + json.dumps({"exitCode": completed.returncode, "wallSeconds": wall, "peakRssMb": peak_kib / 1024}) + "\n")
