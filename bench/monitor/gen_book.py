# A synthetic book: the 20,000 dev negative names, the 2,000 dev positive names, every SDN
# 2023-12-28 primary name, and names made by pairing a given-name token and a family-name token
# drawn (seed 16) from the dev negatives, up to N rows.
import csv, random, sys
n = int(sys.argv[1])
rng = random.Random(16)
names = [r["name"] for r in csv.DictReader(open("/work/shared/eval/dev/screen_negatives.csv", encoding="utf-8"))]
names += [r["name"] for r in csv.DictReader(open("/work/shared/eval/dev/screen_positives.csv", encoding="utf-8"))]
names += [row[1] for row in csv.reader(open("/work/shared/data/lists/ofac_sdn/sdn.csv", encoding="latin-1")) if len(row) > 2]
tokens = [n.split() for n in names[:20000] if len(n.split()) >= 2]
w = csv.writer(open(f"book_{n}.csv", "w", encoding="utf-8", newline=""))
w.writerow(["customer_ref", "name"])
for i in range(n):
    if i < len(names):
        name = names[i]
    else:
        name = rng.choice(tokens)[0] + " " + rng.choice(tokens)[-1]
    w.writerow([f"c{i:07d}", name])
