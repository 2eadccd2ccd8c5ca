# Standard error was a file above: no progress line (and so none in a pipe or cron). With
# standard error a terminal (a pseudo-terminal from python3), a line that is redrawn in
# place and cleared at the end; with --quiet, none.
cat >pty.py <<'PY'
import os, pty, subprocess, sys
master, slave = os.openpty()
p = subprocess.Popen(sys.argv[1:], stdout=open("out.csv", "wb"), stderr=slave)
os.close(slave)
got = b""
while True:
    try:
        chunk = os.read(master, 4096)
    except OSError:
        break
    if not chunk:
        break
    got += chunk
p.wait()
sys.stdout.buffer.write(got)
sys.exit(p.returncode)
PY
python3 pty.py "$FINSAM_STATS" exits big.csv --period 2024H1 --format csv >tty.txt || exit 1
grep -q 'big.csv: [0-9.]* of 5[0-9].[0-9] MB ([0-9]* %), [0-9]* rows, [0-9.]* MB/s' tty.txt ||
    { echo "no progress line on the terminal"; od -c tty.txt | head; exit 1; }
[ "$(tail -c 1 tty.txt | od -An -c | tr -d ' ')" = '\r' ] || { echo "line not cleared"; exit 1; }
cmp -s out.csv actual.stdout || { echo "standard output differs"; exit 1; }
python3 pty.py "$FINSAM_STATS" exits big.csv --period 2024H1 --format csv --quiet >quiet.txt || exit 1
[ ! -s quiet.txt ] || { echo "progress with --quiet"; exit 1; }
