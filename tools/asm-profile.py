#!/usr/bin/env python3
"""Instruction-level profile of one JIT-compiled method, without hsdis or hardware counters.

Where JFR can only name the inlined Java line nearest a sample (and its samples skid), this shows which machine
instruction the time lands on, with the Java scope HotSpot recorded for it. It needs what this machine class has:
perf with the software cpu-clock event, objdump, and the JVM's own hex dump of compiled code.

    SEAWALL_SIM_JAVA_OPTS="-Xmx8g -XX:+UseParallelGC -XX:-UseCompressedOops -XX:+UnlockDiagnosticVMOptions \\
        -XX:+DumpPerfMapAtExit -XX:CompileCommand=print,org.seawallsim.engine.event.EventLoop::dispatchRoot" \\
        perf record -e cpu-clock -F 2000 -o perf.data ./seawall-sim bench fabric --k 16 --duration-ms 150 > asm.txt
    perf script -i perf.data -F ip,sym > ips.txt
    tools/asm-profile.py asm.txt ips.txt dispatchRoot 0.02

The last C2 version of the method in asm.txt is used (the one that ran). Prints every instruction with at least the
given fraction of the method's samples, with the four instructions before it (with cpu-clock the sample lands just
after the instruction that stalled) and the Java scope of the nearest recorded PC before it.
"""
import bisect
import collections
import re
import subprocess
import sys
import tempfile


def load_methods(asm_lines):
    methods = []
    current = None
    for i, line in enumerate(asm_lines):
        m = re.match(r'Compiled method \((c\d)\)\s+\d+\s+\d+\s+\d+\s+(\S+)', line)
        if m:
            current = {'kind': m.group(1), 'name': m.group(2), 'start': i}
            methods.append(current)
            continue
        m = re.match(r'\s*main code\s+\[(0x[0-9a-f]+),(0x[0-9a-f]+)\]', line)
        if m and current and 'lo' not in current:
            current['lo'] = int(m.group(1), 16)
            current['hi'] = int(m.group(2), 16)
    for k, method in enumerate(methods):
        method['end'] = methods[k + 1]['start'] if k + 1 < len(methods) else len(asm_lines)
    return methods


def code_and_scopes(asm_lines, method):
    code = {}
    scopes = []  # [pc, [comment, scope, scope, ...]]
    for line in asm_lines[method['start']:method['end']]:
        m = re.match(r'\s*(0x[0-9a-f]+): (.*)', line)
        if m:
            pc = int(m.group(1), 16)
            rest = m.group(2)
            if rest.startswith(';'):
                scopes.append([pc, [rest.strip()]])
                continue
            try:
                data = bytes.fromhex(rest.replace('|', '').replace(' ', ''))
            except ValueError:
                continue  # a comment line that is not code
            for j, b in enumerate(data):
                code[pc + j] = b
            continue
        m = re.match(r'\s*; - (.*)', line)
        if m and scopes:
            scopes[-1][1].append(m.group(1))
    scopes.sort()
    return code, scopes


def disassemble(code, lo):
    hi = max(code) + 1
    with tempfile.NamedTemporaryFile(suffix='.bin') as f:
        f.write(bytes(code.get(a, 0x90) for a in range(lo, hi)))
        f.flush()
        out = subprocess.run(['objdump', '-D', '-b', 'binary', '-mi386:x86-64', '-Mintel', '--adjust-vma=%d' % lo,
                              f.name], capture_output=True, text=True, check=True).stdout
    for line in out.split('\n'):
        m = re.match(r'\s*([0-9a-f]+):\s+(.*)', line)
        if m:
            yield int(m.group(1), 16), m.group(2).strip()


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    asm_lines = open(sys.argv[1], errors='replace').read().split('\n')
    name, threshold = sys.argv[3], float(sys.argv[4]) if len(sys.argv) > 4 else 0.02
    candidates = [m for m in load_methods(asm_lines) if m['kind'] == 'c2' and name in m['name'] and 'lo' in m]
    if not candidates:
        sys.exit('no C2 method matching %r in %s' % (name, sys.argv[1]))
    method = candidates[-1]
    samples = collections.Counter()
    total = 0
    for line in open(sys.argv[2]):
        fields = line.split()
        try:
            ip = int(fields[0], 16)
        except (IndexError, ValueError):
            continue
        total += 1
        if method['lo'] <= ip < method['hi']:
            samples[ip] += 1
    inside = sum(samples.values())
    print('%s: %d of %d samples (%.1f %%)' % (method['name'], inside, total, 100.0 * inside / max(1, total)))
    code, scopes = code_and_scopes(asm_lines, method)
    pcs = [s[0] for s in scopes]
    listing = list(disassemble(code, method['lo']))
    for k, (pc, text) in enumerate(listing):
        n = samples.get(pc, 0)
        if inside and n >= threshold * inside:
            print('%5.1f %%  %x  %s' % (100.0 * n / inside, pc, text))
            for before_pc, before in listing[max(0, k - 4):k]:
                print('         %x  %s' % (before_pc, before))
            s = bisect.bisect_right(pcs, pc) - 1
            if s >= 0 and len(scopes[s][1]) > 1:
                print('         scope: ' + '; '.join(scopes[s][1][1:3]))


if __name__ == '__main__':
    main()
