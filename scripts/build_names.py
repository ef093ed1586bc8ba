#!/usr/bin/env python3
"""Build the name lists compiled into newsindex's entity extraction.

    python3 scripts/build_names.py --reuters ../shared/corpora/reuters21578 [--wheels DIR]

Writes two files (deterministic for the same inputs; the Rust build never downloads anything):

data/gazetteer/first-names.txt
    US Census 1990 first names (male and female), one per line, from the PyPI package
    `names` 0.3.0 (MIT; the Census lists are public domain). Downloaded with
    `pip download --no-deps` unless --wheels names a folder that already holds names-0.3.0.tar.gz.

data/gazetteer/people.tsv
    canonical  aliases (|-separated)  weight
    One line per person of the Reuters-21578 PEOPLE vocabulary (all-people-strings.lc.txt).
    The canonical name is the full form ("James Baker", "Ronald Reagan") written most often in
    the TRAIN split's stories tagged with that person; aliases are the Reuters code and the
    surname; weight is how many TRAIN stories carry the tag, so an ambiguous surname ("Baker")
    goes to the person most often in the news. Only the TRAIN split is read: the TEST split is
    kept for evaluation. What is kept is names, not text from the stories.
"""
import argparse, collections, re, subprocess, sys, tarfile, tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GAZETTEER = ROOT / "data" / "gazetteer"
NAMES_PACKAGE = "names==0.3.0"
DOC = re.compile(r"<REUTERS([^>]*)>(.*?)</REUTERS>", re.S)
WORD = re.compile(r"[A-Z][A-Za-z'\-]*\.?|[a-z]+")
CAPITALISED = re.compile(r"^[A-Z][a-z]")
# Words that come before a name but are not part of it.
NOT_A_NAME = {
    "Mr", "Mrs", "Ms", "Dr", "President", "Minister", "Secretary", "Chancellor", "Chairman",
    "Governor", "Senator", "Sen", "Rep", "Prime", "King", "Queen", "Prince", "Sheikh", "General",
    "Treasury", "Finance", "Foreign", "Trade", "Economy", "Premier", "Leader", "Said", "The",
    "Vice", "Deputy", "Under", "Agriculture", "Energy", "Oil", "Commerce", "Labor", "Labour",
    "State", "Judge", "Justice", "Ambassador", "Commissioner", "Director", "Reuters", "But",
    "And", "In", "If", "When", "As", "Bank", "Fed", "Federal", "Reserve", "Board", "Council",
    "Treasurer", "Exchequer", "Budget", "Representative", "Ayatollah", "Brothers", "York",
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday", "Mrs", "Lord", "Sir", "Chief", "Economics", "Defence", "Defense",
    "Interior", "Industry", "Planning", "Petroleum", "Mines", "Central", "Congress", "Senate",
}


def download(folder):
    if folder:
        return Path(folder)
    target = Path(tempfile.mkdtemp())
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", target,
                    NAMES_PACKAGE], check=True)
    return target


def census_first_names(folder):
    archive = next(Path(folder).glob("names-0.3.0.tar.gz"))
    names = set()
    with tarfile.open(archive) as tar:
        for member in tar.getmembers():
            if member.name.endswith(("dist.male.first", "dist.female.first")):
                for line in tar.extractfile(member).read().decode().splitlines():
                    if line.strip():
                        names.add(line.split()[0].capitalize())
    return sorted(names)


def train_stories(reuters):
    for path in sorted(Path(reuters).glob("reut2-*.sgm")):
        text = path.read_bytes().decode("utf-8", errors="replace")
        for attrs, body in DOC.findall(text):
            if 'LEWISSPLIT="TRAIN"' not in attrs:
                continue
            people = re.search(r"<PEOPLE>(.*?)</PEOPLE>", body, re.S)
            codes = re.findall(r"<D>(.*?)</D>", people.group(1)) if people else []
            # Only the story's own text: the tag lists would read as names ("du-plessis").
            text = re.search(r"<TEXT[^>]*>(.*?)</TEXT>", body, re.S)
            story = re.sub(r"<[^>]+>|&#\d+;|&lt;|&gt;|&amp;", " ", text.group(1) if text else "")
            yield codes, story


def full_forms(code, story, first_names, lenient):
    """Every "First Surname" in the story whose surname words are the code's. The first name must
    be a Census first name, or (`lenient`, in stories tagged with the person) any capitalised
    word that is not a title or a month."""
    surname = code.split("-")
    words = WORD.findall(story)
    folded = [w.rstrip(".").lower() for w in words]
    width = len(surname)
    for at in range(1, len(words) - width + 1):
        if folded[at:at + width] != surname:
            continue
        if any(not CAPITALISED.match(w) for w in words[at:at + width] if len(w) > 3):
            continue
        name = [w.rstrip(".") for w in words[at:at + width]]
        first = words[at - 1]
        if re.fullmatch(r"[A-Z]\.", first) and at >= 2:  # "James A. Baker"
            first = words[at - 2]
        first = first.rstrip(".")
        if first not in NOT_A_NAME and (
                first in first_names or (lenient and looks_like_first_name(first))):
            yield " ".join([first] + name)
        elif width > 1:
            yield " ".join(name)


def looks_like_first_name(word):
    return bool(CAPITALISED.match(word)) and len(word) > 2 and word not in NOT_A_NAME \
        and word.isalpha()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--reuters", required=True)
    parser.add_argument("--wheels")
    args = parser.parse_args()
    first_names = census_first_names(download(args.wheels))
    known_first = set(first_names)
    vocabulary = Path(args.reuters, "all-people-strings.lc.txt").read_text().split()

    forms = collections.defaultdict(collections.Counter)
    weight = collections.Counter()
    surnames = {tuple(code.split("-")): code for code in vocabulary}
    for codes, story in train_stories(args.reuters):
        for code in codes:
            weight[code] += 1
            # A tagged story's forms count more than a story that merely mentions the surname.
            for form in full_forms(code, story, known_first, lenient=True):
                forms[code][form] += 3
        lowered = story.lower()
        for surname, code in surnames.items():
            if code not in codes and " ".join(surname) in lowered:
                forms[code].update(full_forms(code, story, known_first, lenient=False))

    GAZETTEER.mkdir(parents=True, exist_ok=True)
    (GAZETTEER / "first-names.txt").write_text(
        "# US Census 1990 first names via PyPI names 0.3.0 (scripts/build_names.py; see NOTICE)\n"
        + "\n".join(first_names) + "\n")
    with open(GAZETTEER / "people.tsv", "w", encoding="utf-8") as out:
        out.write("# canonical\taliases\tweight  (scripts/build_names.py; see NOTICE)\n")
        for code in sorted(vocabulary):
            fallback = " ".join(part.capitalize() for part in code.split("-"))
            # A code that is a surname alone ("du-plessis", not "james-baker") gets the full
            # form ("Barend du Plessis"), though stories write the surname alone more often once
            # they have named the person.
            surname_code = code.split("-")[0].capitalize() not in known_first
            ranked = sorted(forms[code].items(),
                            key=lambda kv: (surname_code and len(kv[0].split())
                                            > len(code.split("-")), kv[1]),
                            reverse=True)
            ranked = [(form, count) for form, count in ranked if count >= 2]
            canonical = ranked[0][0] if ranked else fallback
            canonical = re.sub(r"\b([A-Z])\. ", "", canonical)  # "James A. Baker" -> "James Baker"
            words = canonical.split()
            surnames = {" ".join(words[-len(code.split("-")):])}
            if len(words) > 1 and words[0] in known_first:  # "James Baker" is also "Baker"
                surnames.add(words[-1])
            aliases = sorted(({code} | surnames) - {canonical})
            out.write(f"{canonical}\t{'|'.join(aliases)}\t{weight[code]}\n")
    print(f"{len(first_names)} first names, {len(vocabulary)} people -> {GAZETTEER}", file=sys.stderr)


if __name__ == "__main__":
    main()
