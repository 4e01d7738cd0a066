"""Runs a command and prints, as the last line of stderr, one JSON object with its exit code, wall time, CPU time (user
and system, of every process it waited for) and the peak resident memory of the largest process it waited for (the
kernel's own figures, so nothing is missed between polls).
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
children = resource.getrusage(resource.RUSAGE_CHILDREN)
peak_kib = children.ru_maxrss
sys.stderr.write(completed.stdout.decode("utf-8", "replace")[-4000:])
sys.stderr.write("\n" + json.dumps({"exitCode": completed.returncode, "wallSeconds": wall, "cpuSeconds": children.ru_utime + children.ru_stime, "peakRssMb": peak_kib / 1024}) + "\n")
