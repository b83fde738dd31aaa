"""Ingest on the real seeds: offsets, chrome removal, metadata."""

from __future__ import annotations

import pytest
import yaml

from comparator.ingest import ingest
from comparator.segment import paragraph_spans, sentence_spans
from tests.helpers import DATA, GOLD, ROOT, SEED_FILES

GOLD_DOCS = {d["file"].split("/")[-1]: d["sentences"] for d in yaml.safe_load(GOLD.read_text("utf-8"))["documents"]}
# Every hand-coded article: the seeds and the two development sets.
ALL_GOLD = [
    (ROOT / d["file"], d["sentences"])
    for gold in (GOLD, *(DATA / name / "gold.yaml" for name in ("heldout", "fresh", "blind3", "blind4")))
    for d in yaml.safe_load(gold.read_text("utf-8"))["documents"]
]


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name[:12])
def test_offsets_map_back_to_the_source_file(path):
    article = ingest(path)
    source = path.read_text(encoding="utf-8")
    assert article.text == source
    for s in article.sentences:
        assert source[s.start : s.end] == s.text


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name[:12])
def test_splitter_finds_every_hand_coded_sentence(path):
    text = path.read_text(encoding="utf-8")
    mine = [text[s.start : s.end] for p in paragraph_spans(text) for s in sentence_spans(text, p)]
    assert mine == [s["text"] for s in GOLD_DOCS[path.name]]


@pytest.mark.parametrize(("path", "gold"), ALL_GOLD, ids=lambda p: p.name[:16] if hasattr(p, "name") else "")
def test_chrome_and_meta_lines_are_not_content_and_are_listed(path, gold):
    article = ingest(path)
    content = {s.text for s in article.sentences}
    removed = " ".join(r.text for r in article.removed)
    chrome = [s["text"] for s in gold if s["label"] in ("meta", "boilerplate")]
    assert chrome
    for line in chrome:
        assert line not in content
        assert line in removed


def test_diplomat_metadata_title_dek_authors_bio():
    article = ingest(SEED_FILES[1])
    m = article.metadata
    assert m.title == "One Year After the Singapore Summit, It’s Time for a US-North Korea Deal"
    assert m.subtitle == "The United States can’t let this moment pass."
    assert m.authors == ("Michael Fuchs", "Abigail Bard")
    assert m.bio.startswith("Michael Fuchs is a Senior Fellow")
    assert m.outlet == "The Diplomat"  # from the analyst's sidecar file
    reasons = {r.text: r.reason for r in article.removed}
    assert reasons["Credit: Official White House Photo by Joyce N. Boghosian"] == "photo credit"
    assert reasons["Recent Features"] == "related links"


def test_38north_metadata_title_and_outlet_from_tagline():
    article = ingest(SEED_FILES[0])
    assert article.metadata.title.startswith("One Year After the Singapore Summit: A Breakthrough")
    assert article.metadata.outlet == "38 North"
    reasons = {r.text: r.reason for r in article.removed}
    assert reasons["Stay informed about our latest"] == "newsletter prompt"
    assert reasons["38 North: News and Analysis on North Korea"] == "site tagline"


def test_markdown_title_and_list_markers(tmp_path):
    path = tmp_path / "note.md"
    path.write_text(
        "# Keep the pressure on\n\nBy Jane Roe\n\n"
        "- Washington must not ease sanctions before Pyongyang takes real steps toward disarmament.\n\n"
        "The regime has cheated on every deal so far, and relief would only reward it for that.\n",
        encoding="utf-8",
    )
    article = ingest(path)
    assert article.metadata.title == "Keep the pressure on"
    assert article.metadata.authors == ("Jane Roe",)
    assert article.sentences[0].text.startswith("Washington must not")
    text = path.read_text(encoding="utf-8")
    assert all(text[s.start : s.end] == s.text for s in article.sentences)


def test_a_genre_labelled_headline_with_its_caption_run_in_is_the_title(tmp_path):
    """ "EDITORIAL COMMENT: Lift sanctions now ..." with the photo caption the page ran into it is longer than a
    headline, but the label announces one: it is the title, not navigation."""
    head = (
        "EDITORIAL COMMENT: Lift sanctions now, the country deserves a restart The President delivers his address "
        "to the annual session of the United Nations General Assembly in New York, United States of America"
    )
    path = tmp_path / "editorial.txt"
    body = (
        "WE have often wondered what the government has to do to convince the West to lift sanctions it imposed "
        "more than two decades ago. Since then the administration has implemented a raft of reforms."
    )
    path.write_text(f"{head}\n\n{body}\n", encoding="utf-8")
    article = ingest(path)
    assert article.metadata.title == head
    assert article.sentences[0].text.startswith("WE have often")


def test_a_question_in_sentence_case_above_the_text_is_not_the_headline(tmp_path):
    """ "Can a leopard change its spots?" under "Mugabe Sanctions Still Needed" opens the text (or is its dek);
    the title-case line is the headline, though it is shorter."""
    path = tmp_path / "editorial.txt"
    path.write_text(
        "Breaking News\n\nMugabe Sanctions Still Needed\n\nCan a leopard change its spots?\n\n"
        "That's the question facing Zimbabwe after the president ceded some power to the opposition leader. "
        "Much more needs to be done before the government can claim to respect the will of its people.\n",
        encoding="utf-8",
    )
    assert ingest(path).metadata.title == "Mugabe Sanctions Still Needed"


def test_articles_from_one_outlet_get_distinct_labels(tmp_path):
    from comparator.pipeline import read_articles

    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text(
            f"Headline {name} about sanctions policy\n\nWashington should ease sanctions on the regime in steps, "
            f"and {name} explains why that is the right order of moves.\n",
            encoding="utf-8",
        )
        (tmp_path / f"{name}.meta.yaml").write_text("outlet: Same Daily\n", encoding="utf-8")
    labels = [a.label for a in read_articles([tmp_path])]
    assert len(set(labels)) == 2 and all(label.startswith("Same Daily: Headline") for label in labels)


# Small articles that carry one kind of chrome each: (file name, text, expected metadata, removed line (its
# first 20 characters) -> reason, the first 14 characters of every content sentence).
CHROME_CASES = {
    "headings-bylines-deks-print-notes": (
        "brief.txt",
        "POLICY BRIEF\n\nEasing, Not Lifting: A Conditional Path for U.S. Sanctions on Syria\n\n"
        "Washington eased too fast last time. It should not make the same mistake twice.\n\n"
        "By the Editorial Board\n\n"
        "The collapse of the old government has created the first real opening in Syria in more than a decade.\n\n"
        "Recommendations\n\n"
        "The administration should issue general licenses that can be revoked, and it should say in advance what "
        "would bring the sanctions back.\n\n"
        "A version of this editorial appears in print in the Sunday edition.\n\n"
        "This is a digitized version of an article from the paper's print archive. To preserve these articles as "
        "they originally appeared, the paper does not alter, edit or update them.\n",
        {
            "title": "Easing, Not Lifting: A Conditional Path for U.S. Sanctions on Syria",
            "subtitle": "Washington eased too fast last time. It should not make the same mistake twice.",
            "authors": ("The Editorial Board",),
        },
        {
            "Recommendations": "section heading",
            "A version of this ed": "print edition note",
            "This is a digitized ": "print edition note",
        },
        ["The collapse o", "The administra"],
    ),
    "markdown-emphasis-dek-and-bio": (
        "oped.md",
        "# A Freeze for Funds\n\n*A full return to the accord is out of reach. A narrow trade is not.*\n\n"
        "By Thomas Averill\n\n"
        "For three years, American policy toward Iran has been defined mostly by what it is not, and that is "
        "no longer enough.\n\n"
        "An interim deal would buy time and put inspectors back inside the enrichment halls, which matters now.\n\n"
        "The politics in Washington are difficult, but a narrow trade can pass where a grand bargain cannot.\n\n"
        "*Thomas Averill is a senior fellow for nonproliferation at the Meridian Institute.*\n",
        {
            "subtitle": "A full return to the accord is out of reach. A narrow trade is not.",
            "authors": ("Thomas Averill",),
            "bio": "Thomas Averill is a senior fellow for nonproliferation at the Meridian Institute.",
        },
        {},
        ["For three year", "An interim dea", "The politics i"],
    ),
    "title-case-headline-collective-byline-caption-audio": (
        "editorial.txt",
        "EDITORIAL\n\nChip Controls Are Working. Don't Trade Them for Soybeans.\n\n"
        "Washington's limits on advanced chips are slowing China's military AI. They should be tightened.\n\n"
        "The Editorial Board\n\nListen to this article · 7 min\n\n"
        "A technician inspects silicon wafers at a chip plant in Hsinchu, Taiwan, where most of the world's "
        "advanced chips are made. (Photo by An Rong Xu for The Bay Standard)\n\n"
        "In October 2022, the Commerce Department tried something Washington had not attempted in a generation, "
        "and two years later the policy has critics on every side.\n\n"
        "The controls should be kept and tightened with allies, because they are working as intended now.\n",
        {
            "title": "Chip Controls Are Working. Don't Trade Them for Soybeans.",
            "subtitle": "Washington's limits on advanced chips are slowing China's military AI. "
            "They should be tightened.",
            "authors": ("The Editorial Board",),
        },
        {"Listen to this artic": "audio player prompt", "A technician inspect": "photo caption and credit"},
        ["In October 202", "The controls s"],
    ),
    "masthead-names-the-outlet-not-the-headline": (
        "column.txt",
        "Editorial Board\n\nThe Evening Courier\n\n"
        "There is a short window now for the two governments to return to the terms they agreed on years ago.\n\n"
        "The sanctions added since then have hurt ordinary people and have not changed the regime's course.\n",
        {"title": "", "outlet": "The Evening Courier", "authors": ("Editorial Board",)},
        {"The Evening Courier": "masthead"},
        ["There is a sho", "The sanctions "],
    ),
    "links-list-and-quote-lead-in-are-not-the-headline": (
        "news.txt",
        "- Dockworkers strike in the northern port city over unpaid wages\n"
        "- Ministry denies new curbs on grain exports to the region\n\n"
        "Ports urged to enforce fuel embargo\n\n"
        "What The Envoy Told The Press Corps:\n\n"
        "“The ports have the tools to stop these shipments, and they should use them now,” the envoy said.\n\n"
        "The coalition said the regime's airstrikes had grown more frequent since the embargo was announced.\n",
        {"title": "Ports urged to enforce fuel embargo"},
        {"- Dockworkers strike": "section label or navigation before the article"},
        ["“The ports hav", "The coalition "],
    ),
    "lead-in-ending-in-a-colon-is-content": (
        "blog.txt",
        "Talking Is the Only Option Left\n\nNow is the time to give talks a chance.\n\n"
        "The envoy told reporters:\n\n"
        "The test does not change the basic situation on the peninsula, though it shows how fast the program "
        "is moving.\n\n"
        "Everything he says here seems sensible, and the objections to talking do not hold up on inspection.\n",
        {"title": "Talking Is the Only Option Left", "subtitle": "Now is the time to give talks a chance."},
        {},
        ["The envoy told", "The test does ", "Everything he "],
    ),
    "timestamps-are-not-part-of-the-headline": (
        "repost.txt",
        # hard-wrapped, so the timestamp line stays in the headline's paragraph
        "Sunday, October 26, 2014\n\nThe Embargo Has Not Been Earned Yet\n10/25/2014 10:32 PM 10/25/2014 10:32 PM"
        "\n\nIn October of 1960, the United States imposed an embargo on exports to\nthe island covering all "
        "goods except medicine. It still inspires heated\ndebate today, and the vote this week will renew it.\n\n"
        "We disagree with those who would drop it now, because nothing on the\nisland has changed enough to earn "
        "it, and the regime still runs the\neconomy for the benefit of its own members.\n",
        {"title": "The Embargo Has Not Been Earned Yet", "date": "October 26, 2014"},
        {"Sunday, October 26, ": "dateline", "The Embargo Has Not ": "title"},
        ["In October of ", "It still inspi", "We disagree wi"],
    ),
    "bio-above-the-headline-is-the-byline-and-bio": (
        "column.txt",
        "Mariam Haddad\n\n"
        "Mariam Haddad is the former managing editor of the Gulf Review. She is also a columnist for two daily "
        "newspapers in Beirut.\n\nTT\n\nWhy Ease the Pressure Now?\n\n"
        "Sanctions on the country could have lasted another year, given the doubts about its new leadership.\n\n"
        "That is why the appeal went straight to the president, through a trusted ally, as the shortest route.\n\n"
        "The case against lifting them rests on the claim that the new government has yet to prove itself.\n",
        {
            "title": "Why Ease the Pressure Now?",
            "authors": ("Mariam Haddad",),
            "bio": "Mariam Haddad is the former managing editor of the Gulf Review. "
            "She is also a columnist for two daily newspapers in Beirut.",
        },
        {"Mariam Haddad": "byline", "Mariam Haddad is the": "author bio", "TT": "page control"},
        ["Sanctions on t", "That is why th", "The case again"],
    ),
    "a-lede-introducing-an-official-is-content": (
        "news.txt",
        "Envoy Returns to Vienna\n\n"
        "Robert Hale is the special adviser for the talks and has spent the week shuttling between the delegations.\n\n"
        "The Talks So Far\n\n"
        "European diplomats carried messages between the two sides, which still refuse to meet face to face.\n\n"
        "On offer is an end to most of the sanctions imposed since 2018, in return for a return to the limits.\n",
        {"title": "Envoy Returns to Vienna", "authors": (), "bio": ""},
        {"The Talks So Far": "section heading"},
        ["Robert Hale is", "European diplo", "On offer is an"],
    ),
    "dek-above-a-dateline": (
        "oped.txt",
        "How to Stop the Tanker Trade\n\n"
        "The allies have made real progress in designing sanctions that can slow the war machine down. But now they "
        "must finish the job, by capping the price of the seaborne oil that still pays for the war and for the "
        "shells that fall on our cities.\n\n"
        "BRUSSELS – Europe and its allies have put two of the three measures needed in place, and the third is "
        "now within reach.\n\n"
        "The financial sanctions adopted after the invasion have worked, and the reserves freeze removed a buffer.\n\n"
        "A buyers' coalition already exists to deliver the shock, because the union has agreed to stop buying.\n",
        {
            "title": "How to Stop the Tanker Trade",
            "subtitle": "The allies have made real progress in designing sanctions that can slow the war machine down. "
            "But now they must finish the job, by capping the price of the seaborne oil that still pays for "
            "the war and for the shells that fall on our cities.",
        },
        {},
        ["BRUSSELS – Eur", "The financial ", "A buyers' coal"],
    ),
    "dek-above-header-furniture": (
        "oped.txt",
        "Trade Policy: Time to Verify as Washington Loosens the Rules\n\n"
        "Pressure has failed. Relief tied to verified steps is now the only way left to bring the two sides back "
        "to the table before the vote.\n\n"
        "Opinión\n\n2023-03-14T09:30:00-05:00\n\nComparte\n\n"
        "A worker loads grain at a port in Santos, Brazil, on May 2, 2023. Crédito: JANE ROE/AFP via Getty Images"
        "\n\nCritics of the new policy have denounced it as naive, and say it will only entrench the regime.\n\n"
        "The core of their argument is that the regime has negotiated in bad faith for fifteen years.\n\n"
        "That is true, but the alternative they offer has been tried and has failed on its own terms.\n",
        {
            "subtitle": "Pressure has failed. Relief tied to verified steps is now the only way left to bring the two "
            "sides back to the table before the vote.",
            "date": "2023-03-14",
        },
        {"Comparte": "share or follow links", "A worker loads grain": "photo caption and credit"},
        ["Critics of the", "The core of th", "That is true, "],
    ),
    "paragraph-cut-off-at-the-end-is-content": (
        "excerpt.txt",
        "No Deal Is Better Than a Bad Deal\n\n"
        "The negotiators must keep that in mind as the deadline to reach a nuclear deal expires today.\n\n"
        "House leaders are threatening new sanctions regardless of the outcome, which is welcome but mostly "
        "theater.\n\n"
        "Meanwhile, the Senate leader has been in the region this week to press the allies on the",
        {"title": "No Deal Is Better Than a Bad Deal"},
        {},
        ["The negotiator", "House leaders ", "Meanwhile, the"],
    ),
    "sentences-under-a-last-subhead-are-content": (
        "brief.txt",
        "Hold the Line on Oil\n\n"
        "The price cap has cut the revenue that pays for the war, and the allies are about to weaken it.\n\n"
        "Every waiver tells the buyers that the cap is negotiable, and they will price that in quickly.\n\n"
        "What Comes Next\n\nThe allies should close the loopholes now.\n\nDelay only helps Moscow.\n",
        {"title": "Hold the Line on Oil"},
        {"What Comes Next": "section heading"},
        ["The price cap ", "Every waiver t", "The allies sho", "Delay only hel"],
    ),
    "short-closing-paragraphs-are-content-and-the-readers-prompt-is-not": (
        "closing.txt",
        "Talks With the Junta\n\n"
        "The debate is back, and the advocates of lifting the sanctions on the generals have made their case.\n\n"
        "It rests on two claims, and neither of them survives a look at the record of the last decade.\n\n"
        "First: the embargo has failed and should be lifted.\n\n"
        "Second, new sanctions would only harm the farmers.\n\n"
        "Have a view on this editorial?\n\nWrite to letters@paper.example.com.\n",
        {"title": "Talks With the Junta"},
        {
            "Have a view on this ": "site footer after the article",
            "Write to letters@pap": "site footer after the article",
        },
        ["The debate is ", "It rests on tw", "First: the emb", "Second, new sa"],
    ),
    "the-headline-printed-twice-not-the-breadcrumb-or-the-time-stamp": (
        "page.txt",
        "Home ›› 20 Dec 2021 ›› Opinion\n\n"
        "It’s time to unfreeze the reserves\n\n"
        "Jane Roe\n20 Dec 2021 00:00:00 | Update: 20 Dec 2021 00:10:53\n"
        "It’s time to unfreeze the reserves\n\n"
        "The crisis is quickly becoming the worst humanitarian emergency of the decade, and it is of our making.\n\n"
        "Releasing the reserves would let importers pay for food again before the winter sets in for good.\n",
        {"title": "It’s time to unfreeze the reserves"},
        {},
        ["The crisis is ", "Releasing the "],
    ),
    "a-paragraph-on-what-the-authors-argue-is-content": (
        "review.txt",
        "A Report Worth Reading\n\n"
        "The new report on sanctions relief is the most careful study of the question in a decade.\n\n"
        "It draws on trade data from forty countries and on interviews with the officials who ran the programs.\n\n"
        "The authors argue that relief works only when it is tied to steps that can be checked and reversed.\n",
        {"title": "A Report Worth Reading", "bio": ""},
        {},
        ["The new report", "It draws on tr", "The authors ar"],
    ),
    "captions-beside-credits-and-a-caption-printed-twice": (
        "news.txt",
        "A convoy of trucks is seen at the border crossing near Rafah, Egypt, May 4, 2024.\n\n"
        "A convoy of trucks is seen at the border crossing near Rafah, Egypt, May 4, 2024. Ida Moreno via AP\n\n"
        "Talks on the Aid Corridor Stall Again\n\n"
        "Negotiators failed on Monday to agree on who would inspect the trucks, and each side blamed the other.\n\n"
        "Ida Moreno/AP\n"
        "Drivers wait beside their trucks in the desert on May 5, 2024. Some have waited for nine days.\n\n"
        "|\n\n"
        "The sanctions on the shipping firms stay in place until an inspection regime is agreed, officials said.\n",
        {"title": "Talks on the Aid Corridor Stall Again"},
        {
            "A convoy of trucks i": "photo caption and credit",  # and the same caption again before it
            "Ida Moreno/AP": "photo credit",
            "Drivers wait beside ": "photo caption",
            "|": "stray punctuation",
        },
        ["Negotiators fa", "The sanctions "],
    ),
    "a-writers-bio-first-on-the-page-and-the-short-opening-after-it": (
        "oped.txt",
        "Maria Okonjo is a columnist for the Harbour Courier. Her books include A History of the Grain Trade. "
        "Paul Ferrante writes and teaches on Sahel affairs.\n\n"
        "Too often, sanctions are the coward’s way out.\n\n"
        "Politicians will not send troops, yet they are eager to be seen to be doing something about the junta.\n\n"
        "So they slap on sanctions, and once imposed they are never lifted for fear of looking weak.\n",
        {"authors": ("Maria Okonjo", "Paul Ferrante")},
        {"Maria Okonjo is a co": "author bio"},
        ["Too often, san", "Politicians wi", "So they slap o"],
    ),
    "a-letters-writer-note": (
        "letter.txt",
        "Ease the Pressure on Minsk\n\n"
        "To the editor: Your columnist is right that the talks are worth having, and the sanctions stand in "
        "the way.\n\n"
        "The most obvious deal is to let the potash move in exchange for the prisoners' release.\n\n"
        "The writer is a fellow at the Harbour Institute, a think tank in Ottawa.\n",
        {"title": "Ease the Pressure on Minsk"},
        {"The writer is a fell": "author bio"},
        ["To the editor:", "The most obvio"],
    ),
    "a-contributors-box-under-the-headline": (
        "oped.txt",
        "Lift the Grain Embargo in Stages\n\n"
        "Maria Okonjo is a senior fellow at the Lindqvist Institute. She has been an adviser to two trade ministers.\n"
        "Paul R. Ferrante was U.S. Ambassador to Kenya from 2009 to 2012.\n"
        "Anne Liu served as deputy assistant secretary of commerce under two administrations.\n\n"
        "The embargo has not moved the junta an inch in four years, and the farmers it was meant to spare are "
        "paying for it.\n\n"
        "Washington should lift it in stages, each tied to a verified step on access for aid agencies.\n",
        {"title": "Lift the Grain Embargo in Stages", "authors": ("Maria Okonjo", "Paul R. Ferrante", "Anne Liu")},
        {
            "Maria Okonjo is a se": "author bio",
            "Paul R. Ferrante was": "author bio",
            "Anne Liu served as d": "author bio",
        },
        ["The embargo ha", "Washington sho"],
    ),
    # a blog's reader comments: the article ends at their heading, however much prose follows
    "reader-comments-after-the-post": (
        "post.txt",
        "Relief Is an Idea Whose Time Has Come\n\n"
        "This is a crucial week for the talks, and the administration should offer relief for verified steps.\n\n"
        "Sanctions alone have not moved Tehran, and more of them now would only harden its position.\n\n"
        "2 thoughts on “Relief Is an Idea Whose Time Has Come”\n\n"
        "Am eager to hear your remarks tonight at the college. It was on my schedule before the reminder.\n\n"
        "Do you think the administration can stand up to the pressure that demands more sanctions?\n",
        {"title": "Relief Is an Idea Whose Time Has Come"},
        {"2 thoughts on “Relie": "reader comments", "Am eager to hear you": "reader comments"},
        ["This is a cruc", "Sanctions alon"],
    ),
    # a republished excerpt: the article ends at its link to the whole piece, however much prose the site lists after
    "excerpt-with-a-link-to-the-full-article": (
        "excerpt.txt",
        "Don't Let Up on the Junta Now\n\n"
        "The best way to ensure the talks succeed is to close the loopholes in the sanctions regime right away.\n\n"
        "Certainly, the administration deserves credit for the harshest sanctions ever levied against the junta.\n\n"
        "Read the Full Article at Bloomberg\n\n"
        "  • Commentary\n\n"
        "    Since 2014, the allies have targeted the energy sector with increasingly coercive measures...\n\n"
        "    By Jane Roe & John Doe\n",
        {"title": "Don't Let Up on the Junta Now"},
        {
            "Read the Full Articl": "link to the full article",
            "• Commentary": "the republishing site's pages after the article",
            "Since 2014, the alli": "the republishing site's pages after the article",
        },
        ["The best way t", "Certainly, the"],
    ),
    # a standfirst signed by its author at the top of the page: the dek, and the byline
    "signed-standfirst": (
        "page.txt",
        "Engagement succeeded where sanctions failed in encouraging reform, Jane Q Roe writes.\n\n"
        "Economic sanctions are coercive instruments of statecraft that seek to compel a change in behaviour.\n\n"
        "Yet they are often imposed when they have few prospects of success, and this case shows why.\n\n"
        "Engagement, not isolation, opened the door to the reforms of the last decade.\n",
        {
            "subtitle": "Engagement succeeded where sanctions failed in encouraging reform, Jane Q Roe writes.",
            "authors": ("Jane Q Roe",),
        },
        {"Engagement succeeded": "subtitle (dek)"},
        ["Economic sanct", "Yet they are o", "Engagement, no"],
    ),
    # a news agency's dateline as the first sentence, a magazine's jump line as the last: run into paragraphs
    "agency-dateline-and-jump-line": (
        "news.txt",
        "Council Lifts Sanctions on the Republic\n\n"
        "THE UNITED NATIONS, November 14. /TASS/. The Security Council has lifted sanctions on the republic.\n\n"
        "In 2009 the council imposed sanctions on it. The editors asked a reporter to write about it. "
        "The story begins on page 48.\n",
        {"title": "Council Lifts Sanctions on the Republic"},
        {"THE UNITED NATIONS, ": "dateline", "The story begins on ": "print edition note"},
        ["The Security C", "In 2009 the co", "The editors as"],
    ),
    # a report's publication note closing its abstract: the cross-reference and "will not be updated"
    "report-publication-note": (
        "report.txt",
        "Humanitarian Needs and the Impact of Sanctions\n\n"
        "Much of the civilian population is short of food and medical care. This report discusses these shortages. "
        "Information on the military situation can be found in CRS Issue Brief 92117, Compliance with Cease-Fire "
        "Agreements. This report will not be updated.\n\n"
        "Many humanitarian agencies argue that under the sanctions civilians suffer from a lack of food.\n",
        {"title": "Humanitarian Needs and the Impact of Sanctions"},
        {"Information on the m": "publication note"},
        ["Much of the ci", "This report di", "Many humanitar"],
    ),
    # the page's navigation above a question headline is not the headline ("top of page")
    "navigation-above-a-question-headline": (
        "page.txt",
        "top of page\n\n"
        "How to negotiate with the junta and free the prisoners?\n\n"
        "The junta wants to sell its prisoners to the West as a thaw, and some in the opposition are ready to buy. "
        "The prisoners are hostages, and paying for them invites the taking of more.\n\n"
        "Sanctions should stay until every prisoner is free and the charges are dropped.\n",
        {"title": "How to negotiate with the junta and free the prisoners?"},
        {"top of page": "site navigation"},
        ["The junta want", "The prisoners ", "Sanctions shou"],
    ),
}


@pytest.mark.parametrize("case", CHROME_CASES)
def test_chrome_kinds_are_removed_and_metadata_kept(tmp_path, case):
    name, text, metadata, reasons, sentences = CHROME_CASES[case]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    article = ingest(path)
    for field_name, value in metadata.items():
        assert getattr(article.metadata, field_name) == value
    removed = {r.text[:20]: r.reason for r in article.removed}
    assert {k: removed.get(k) for k in reasons} == reasons
    assert [s.text[:14] for s in article.sentences] == sentences
    assert not any("*" in s.text for s in article.sentences)


# One line of site furniture under a headline, and the reason it is removed: (line, reason, metadata it feeds).
FURNITURE_LINES = {
    "agency-photo-caption": (
        "Protesters gather outside the ministry in Caracas, Venezuela, March 3, 2023. (AP Photo/Jane Roe, File)",
        "photo caption and credit",
        {},
    ),
    "picture-library-caption": (
        "A tanker waits off the coast near Rotterdam on May 2, 2024, as traders wait for the "
        "cap. (John Doe/Getty Images)",
        "photo caption and credit",
        {},
    ),
    "spanish-credit-caption": (
        "El presidente habla en el palacio de Miraflores en Caracas, el 16 de agosto de 2021. "
        "Crédito: JUAN PÉREZ/AFP via Getty Images",
        "photo caption and credit",
        {},
    ),
    "name-slash-picture-library": ("Jane Roe/Flickr", "photo credit", {}),
    "republication-note": (
        "This report was published in the Harbour Institute, www.harbourinstitute.org.",
        "republication note",
        {},
    ),
    "bracketed-label": ("[Harbour Courier Editorial]", "bracketed label", {}),
    "newsletter-paragraph": (
        "A version of this story appeared in the weekly Harbour Brief newsletter from The Harbour Courier. "
        "Click here to receive Harbour Brief in your inbox each week.",
        "newsletter prompt",
        {},
    ),
    "wire-photo-caption": (
        "A crane stands idle in the port of Odesa on Friday, Feb. 3. (Jane Roe/Associated Press)",
        "photo caption and credit",
        {},
    ),
    "byline-with-outlet": ("By Ana Ruiz (Confidencial)", "byline", {"authors": ("Ana Ruiz",)}),
    "bracketed-credit": ("(Lena Ortiz / AFP via Getty Images)", "photo credit", {}),
    "syndicated-caption": (
        "Dockers unload grain in the port of Odesa on Monday, Aug. 15, 2022. (Lena Ortiz, AFP via Getty Images/TNS)",
        "photo caption and credit",
        {},
    ),
    "file-photo-credit": ("(Atomic Energy Organization of Harbour via AP, File)", "photo credit", {}),
    "watch-on-youtube": ('Watch on YouTube: "Prices at the Pumps"', "media player notice", {}),
    "time-stamp-labels": ("PUBLISHED: | UPDATED:", "dateline label", {}),
    "categories": ("Categories", "related links", {}),
    "byline-with-comma": ("By Dr. Ana Ruiz,", "byline", {"authors": ("Dr. Ana Ruiz",)}),
    "comment-prompt": (
        "With your current subscription plan you can comment on stories. However, before writing your first comment, "
        "please create a display name in the Profile section.",
        "comment prompt",
        {},
    ),
    "bracketed-copyright": ("(© REUTERS/Lena Ortiz)", "copyright line", {}),
    "read-also": ("Read also:", "related links", {}),
    "skip-to-content": ("Skip to content", "site navigation", {}),
    "top-of-page": ("top of page", "site navigation", {}),
    "breaking-news-label": ("Breaking News", "site navigation", {}),
    "numbered-skip-link": ("3. Skip to more DW sites", "site navigation", {}),
    "press-play": ("Press play to listen to this article", "audio player prompt", {}),
    "voiced-by": ("Voiced by Amazon Polly", "audio player prompt", {}),
    "last-updated": ("Page last updated at 11:56 GMT, Tuesday, 27 October 2009", "dateline label", {}),
    "appeared-in": ("This appeared in Saturday's Washington Post.", "republication note", {}),
    "views-disclaimer": (
        "The views expressed by contributors are their own and not the view of The Harbour Ledger",
        "views disclaimer",
        {},
    ),
    "feedback-prompt": ("Send us ideas for follow-up stories.", "feedback prompt", {}),
    "caption-image-source": (
        "The president delivers his annual address in Caracas, Monday, Jan. 15, 2024. Image Source: AP Photo/Jane Roe",
        "photo caption and credit",
        {},
    ),
    "caption-photo-by": (
        "The prime minister speaks before meeting the envoy last week. Photo by Jane Roe/GPO/Flash90",
        "photo caption and credit",
        {},
    ),
    "caption-name-slash-agency-run-on": (
        "Trucks are parked behind police in Mandalay, on Feb. 19, 2021.Jane Roe/The Associated Press",
        "photo caption and credit",
        {},
    ),
    "gallery-prompt": ("Open this photo in gallery:", "gallery prompt", {}),
    "breadcrumb": ("Analysis | Middle East", "section label", {}),
    "follow-feature": (
        "Authors and topics you follow will be added to your personal news feed in Following.",
        "share or follow links",
        {},
    ),
    "video-fallback": ("This browser does not support the video element.", "media player notice", {}),
    "clip-length": ("04:30", "media player notice", {}),
    "agency-alone": ("Getty Images", "photo credit", {}),
    "agency-then-name": ("REUTERS/Lena Ortiz", "photo credit", {}),
    "wire-archive-notice": (
        "This archived news story is available only for your personal, non-commercial use.",
        "print edition note",
        {},
    ),
    "paywall-prompt": ("Keep reading for free!", "paywall prompt", {}),
    "paywall-login": ("Already a subscriber? Log in here .", "paywall prompt", {}),
    "caption-credit-then-full-stop": (
        "The president casts his ballot in Khartoum, Sudan, April 27, 2015 (AP photo by Jane Roe).",
        "photo caption and credit",
        {},
    ),
    "archive-note": ("This article comes from our electronic archive, not reviewed.", "print edition note", {}),
    "read-the-rest": ("To read the complete editorial, visit The Harbour Courier.", "republication note", {}),
    "published-by": ("Published by The Harbour Institute", "republication note", {}),
    "link-run-into-verb": ("This article was external pagepublished by Harbour.", "republication note", {}),
    "reading-time": ("Briefing / Ports 20+ minutes", "reading time", {}),
    "image-file-name": ("IMG_2041 harbour cranes", "image file name", {}),
    "share-button-in-spanish": ("Comparte", "share or follow links", {}),
    "share-button-in-french": ("Partager", "share or follow links", {}),
    "text-size-toggle": ("TT", "page control", {}),
    "iso-timestamp": ("2023-03-14T09:30:00-05:00", "dateline", {"date": "2023-03-14"}),
    "published-and-updated-times": ("10/25/2014 10:32 PM 10/25/2014 10:32 PM", "dateline", {"date": "10/25/2014"}),
    "date-and-place": ("9 July 2024, Yangon", "dateline", {"date": "9 July 2024"}),
    "bare-dateline": ("WASHINGTON -", "dateline", {}),
    "masthead": ("The Evening Courier", "masthead", {"outlet": "The Evening Courier"}),
    "role-byline": ("Staff Writer", "byline", {"authors": ()}),
    "newsroom-byline": ("Harbour Newsroom", "byline", {"authors": ("Harbour Newsroom",)}),
    "job-description-bio": (
        "Former deputy trade representative and senior fellow, Center for Hemispheric Studies.",
        "author bio",
        {"bio": "Former deputy trade representative and senior fellow, Center for Hemispheric Studies."},
    ),
}


@pytest.mark.parametrize("case", FURNITURE_LINES)
def test_site_furniture_lines_are_removed_for_their_reason(tmp_path, case):
    line, reason, metadata = FURNITURE_LINES[case]
    path = tmp_path / "page.txt"
    path.write_text(
        f"Ports and Sanctions: How the Trade Rules Bend\n\n{line}\n\n"
        "The ministry has tightened its export rules twice this year, and each time the ports found a way "
        "around them within weeks.\n\n"
        "The next round should close the gaps before the traders find new ones, or it will fail too.\n",
        encoding="utf-8",
    )
    article = ingest(path)
    assert {r.text: r.reason for r in article.removed}.get(line) == reason
    assert article.metadata.title == "Ports and Sanctions: How the Trade Rules Bend"
    assert [s.text[:14] for s in article.sentences] == ["The ministry h", "The next round"]
    for field_name, value in metadata.items():
        assert getattr(article.metadata, field_name) == value


@pytest.mark.parametrize(
    ("head", "label"),
    [
        ("Keep the Squeeze On\n\nBy Rana Haddad and Owen Pritchard\n\n", "Haddad & Pritchard"),
        (
            "The Road Back to the Iran Deal Runs Through Sanctions\n\nBy the Editorial Board\n\n",
            "The Road Back to the Iran…",
        ),
    ],
)
def test_article_without_outlet_is_named_by_authors_else_headline(tmp_path, head, label):
    path = tmp_path / "piece.txt"
    path.write_text(
        head + "Washington should ease sanctions on the regime in steps, and this piece explains "
        "why that is the right order of moves for everyone involved.\n",
        encoding="utf-8",
    )
    assert ingest(path).label == label
