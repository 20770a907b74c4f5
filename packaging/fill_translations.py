"""Fill the unfinished entries of a .ts catalog from a JSON file {source: translation | [singular, plural]}.

Usage: python packaging/fill_translations.py resources/translations/medios_en.ts translations.json
Then run packaging/update_translations.sh to compile the .qm.
"""

import json
import sys
import xml.etree.ElementTree as ET

ts, js = sys.argv[1], sys.argv[2]
mapping = json.load(open(js, encoding="utf-8"))
tree = ET.parse(ts)
missing = []
for ctx in tree.getroot().iter("context"):
    for m in ctx.iter("message"):
        tr = m.find("translation")
        src = m.find("source").text
        if tr.get("type") != "unfinished":
            continue
        if src not in mapping:
            missing.append(src)
            continue
        val = mapping[src]
        del tr.attrib["type"]
        if m.get("numerus") == "yes":
            for child in list(tr):
                tr.remove(child)
            for form in val:
                nf = ET.SubElement(tr, "numerusform")
                nf.text = form
        else:
            tr.text = val
tree.write(ts, encoding="utf-8", xml_declaration=True)
# restore doctype
data = open(ts, encoding="utf-8").read()
if "<!DOCTYPE TS>" not in data:
    data = data.replace(
        "<?xml version='1.0' encoding='utf-8'?>", '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>'
    )
open(ts, "w", encoding="utf-8").write(data if data.endswith("\n") else data + "\n")
print("missing:", json.dumps(missing, ensure_ascii=False, indent=1))
