import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractors.language.names import analyse, fullest, person_names, resolve_participants, strip_title
from extractors.language.names.keys import name_key, one_party, ranks_clash, same_name

TEXT = ("Prime Minister Shinzo Abe is the first foreign leader scheduled to meet American Donald Trump. "
        "The two are expected to meet in person on November 17.")
SEED = Path(__file__).resolve().parents[2] / "samples" / "landing" / "2016-11-10" / "breitbart.jsonl"


def resolve(spans: list[str], text: str, sentence: str) -> list[str]:
    """Resolve spans of the sentence that starts with ``sentence`` in ``text``."""
    return resolve_participants(spans, text, text.index(sentence))


@pytest.mark.parametrize(("raw", "name"), [
    ("Prime Minister Shinzo Abe", "Shinzo Abe"),
    ("U.S. Treasury Secretary Steven Mnuchin", "Steven Mnuchin"),
    ("Russian President Vladimir Putin", "Vladimir Putin"),
    ("Chief Cabinet Secretary Yoshihide Suga", "Yoshihide Suga"),
    ("Sen. Max Baucus, D-Mont.", "Max Baucus"),
    ("Rep. Kevin Brady", "Kevin Brady"),
    ("Secretary of State Rex Tillerson", "Rex Tillerson"),
    ("EU Economic Affairs Commissioner Olli Rehn", "Olli Rehn"),
    ("WTO Director-General Pascal Lamy", "Pascal Lamy"),
    ("Bank of England Governor Mervyn King", "Mervyn King"),  # a surname that is also a title word
    ("Smithfield Chief Executive Larry Pope", "Larry Pope"),
    ("Microsoft Chairman Bill Gates", "Bill Gates"),  # a given name, not a bill
    ("Chinese Vice-Premier Wang Qishan", "Wang Qishan"),
    ("Mr. Sanders", "Sanders"),
    ("Trump's", "Trump"),
    ("American Donald Trump", "Donald Trump"),
    ("President", "President"),
    ("European Central Bank", "European Central Bank"),
    ("Stephen King", "Stephen King"),
])
def test_titles_are_stripped(raw, name):
    assert strip_title(raw) == name


def test_fullest_name_in_the_article():
    assert fullest("Abe", TEXT) == "Shinzo Abe"
    assert fullest("Trump", TEXT) == "Donald Trump"
    assert fullest("Putin", TEXT) == "Putin"


def test_the_two_are_the_people_named_before():
    start = TEXT.index("The two")
    assert resolve_participants(["The two"], TEXT, start) == ["Shinzo Abe", "Donald Trump"]
    assert resolve_participants(["he", "Abe", "Shinzo Abe"], TEXT, start) == ["Shinzo Abe"]


def test_seed_article():
    text = json.loads(SEED.read_text().splitlines()[0])["text"]
    assert resolve(["The two"], text, "The two are expected to meet in person on November 17") == [
        "Shinzo Abe", "Donald Trump"]
    # "(the two)" after a sentence naming only the spokesman: the pair named together before.
    assert resolve(["the two)"], text, "“Today (the two) have just agreed to meet.") == [
        "Shinzo Abe", "Donald Trump"]
    abe = "Abe is expected to travel to the United States next week"
    assert resolve(["Abe"], text, abe) == ["Shinzo Abe"]
    # a baseline span running over a sentence end, and a destination: neither is a participant
    assert resolve(["Iraq.   Abe", "Peru"], text, "A working relationship with Turkey") == ["Shinzo Abe"]


def test_possessive_and_surname_take_the_first_full_form():
    text = ("Donald Trump won. Later Donald J. Trump spoke. Trump's aides said Trump's team would meet "
            "Japanese officials next week.")
    assert resolve(["Trump's"], text, "Trump's aides") == ["Donald Trump"]


def test_people_sharing_a_surname_are_told_apart():
    text = ("George W. Bush met reporters. Jeb Bush will campaign in Iowa. Bush is to meet donors on Friday. "
            "George W. Bush said he was proud. Bush will meet Obama next week.")
    assert resolve(["Bush"], text, "Bush is to meet donors") == ["Jeb Bush"]
    assert resolve(["Bush"], text, "Bush will meet Obama") == ["George W. Bush"]


def test_fragments_of_a_name_resolve_to_the_whole_name():
    text = "Vice President Joseph R. Biden Jr. planned to meet with House Democrats on Friday."
    assert resolve(["Joseph", "R. Biden Jr"], text, "Vice President") == ["Joseph R. Biden Jr."]
    assert resolve(["Vice President Joseph R. Biden Jr.", "House Democrats"], text, "Vice President") == [
        "Joseph R. Biden Jr.", "House Democrats"]


def test_party_and_state_suffix_is_no_participant():
    text = "Max Baucus, D-Mont., will meet Treasury Secretary Jacob Lew on Wednesday."
    assert resolve(["Max Baucus", "D-", "Mont", "Treasury Secretary Jacob Lew"], text, "Max") == [
        "Max Baucus", "Jacob Lew"]


def test_surname_first_names():
    text = "President Xi Jinping will visit Washington. Xi is expected to meet Trump in April."
    assert resolve(["Xi"], text, "Xi is expected") == ["Xi Jinping", "Trump"][:1]


def test_both_leaders_and_the_two_sides():
    text = ("Chinese President Xi Jinping spoke with Japanese Prime Minister Shinzo Abe on Monday. "
            "Both leaders will meet in Beijing next month. Japan and China have long disputed the islands. "
            "The two sides will hold talks in Tokyo on Friday.")
    assert resolve(["Both leaders"], text, "Both leaders") == ["Xi Jinping", "Shinzo Abe"]
    assert resolve(["The two sides"], text, "The two sides") == ["Japan", "China"]


def test_he_is_resolved_only_when_unambiguous():
    text = ("Secretary of State Rex Tillerson visits Europe next week. "
            "He is scheduled to meet Russian Foreign Minister Sergei Lavrov in Vienna on Thursday. "
            "Lavrov and Tillerson spoke by phone. He will also see the French president.")
    assert resolve(["He", "Russian Foreign Minister Sergei Lavrov"], text, "He is scheduled") == [
        "Rex Tillerson", "Sergei Lavrov"]
    assert resolve(["He"], text, "He will also see") == []
    assert resolve(["they", "it"], text, "He will also see") == []


def test_he_of_several_is_the_person_the_article_is_about():
    text = ("Senator Bernie Sanders met President Obama on Thursday. Sanders said he would stay in the race. "
            "After his meeting with Reid, Mr. Sanders left to meet with Senator Chuck Schumer. "
            "He was also scheduled to meet with Vice President Joseph R. Biden Jr.")
    assert resolve(["He"], text, "He was also") == ["Bernie Sanders"]


def test_he_prefers_a_person_named_earlier_in_its_sentence():
    text = "Merkel met Obama on Monday. Putin said he will host the summit in Moscow next week."
    assert resolve(["he"], text, "Putin said") == ["Putin"]


def test_descriptions_resolve_to_the_named_organisation():
    text = ("The European Central Bank kept rates on hold. Analysts expect the central bank to cut rates "
            "when it meets next Thursday. Procter & Gamble Co said sales rose. "
            "The company plans to hold its annual meeting on October 9.")
    assert resolve(["the central bank"], text, "Analysts expect") == ["European Central Bank"]
    assert resolve(["The company"], text, "The company plans") == ["Procter & Gamble Co"]
    other = "Analysts expect the central bank to cut rates when it meets next week."
    assert resolve(["the central bank"], other, "Analysts") == ["the central bank"]
    assert resolve(["the company"], other, "Analysts") == []


def test_the_president_is_the_one_person_with_that_title():
    text = ("President Donald Trump spoke on Monday. "
            "The group agreed with the president to reconvene next week.")
    assert resolve(["the president"], text, "The group") == ["Donald Trump"]


def test_acronyms_take_the_long_form_the_article_gives():
    text = ("The Commodity Futures Trading Commission (CFTC) proposed rules. The European Central Bank "
            "raised rates. Commissioners may wait until the CFTC's next meeting. The ECB meets on Thursday.")
    assert resolve(["CFTC"], text, "Commissioners") == ["Commodity Futures Trading Commission"]
    assert resolve(["The ECB"], text, "The ECB meets") == ["European Central Bank"]
    text = ("The Bank of Japan kept rates on hold. Economists expect the BOJ to ease when it meets next week. "
            "The Federal Reserve and its Federal Open Market Committee are watching. The Fed meets on Tuesday.")
    assert resolve(["the BOJ"], text, "Economists expect") == ["Bank of Japan"]  # initials with "of"
    assert resolve(["The Fed"], text, "The Fed meets") == ["Federal Reserve"]  # a short name spelled out
    assert resolve(["The Fed"], "Traders said the Fed meets on Tuesday.", "Traders") == ["Fed"]  # not spelled
    text = "Its Federal Open Market Committee is watching. The Fed meets on Tuesday."
    assert resolve(["The Fed"], text, "The Fed meets") == ["Fed"]  # a part of the Fed, not its name
    text = ("Negotiators met to modernize the North American Free Trade Agreement (NAFTA). "
            "NAFTA talks will resume in Mexico City next week.")
    assert resolve(["NAFTA"], text, "NAFTA talks") == []


def test_an_organisation_named_only_in_a_title_spells_its_acronym():
    text = ("International Coffee Council Executive Director Maria Souza said on Monday that the ICC will "
            "meet in London next month.")
    assert resolve(["the ICC"], text, "the ICC will") == ["International Coffee Council"]
    text = "Finance Minister Ana Ruiz said the FM will meet in Lima."  # no organisation word: no long form
    assert resolve(["the FM"], text, "the FM will") == ["FM"]


def test_an_organisation_spelled_out_across_connectors_is_one_name():
    text = ("Tillerson will attend an Organization for Security and Cooperation in Europe (OSCE) meeting "
            "in Vienna. The Port Authority of New York and New Jersey will meet on Thursday.")
    assert resolve(["Cooperation", "Europe (OSCE)"], text, "Tillerson") == [
        "Organization for Security and Cooperation in Europe"]
    assert resolve(["The Port Authority"], text, "The Port") == ["Port Authority of New York and New Jersey"]


def test_groups_of_people_are_kept_as_written():
    text = ("EU Commissioner Olli Rehn is due to visit Athens on Monday for talks with Greek officials. "
            "Merck is slated to meet on December 11 with investors and industry analysts. "
            "Trump will host Republican and Democratic congressional leaders for talks on Thursday.")
    assert resolve(["Greek officials"], text, "EU") == ["Greek officials"]
    assert resolve(["Greek"], text, "EU") == ["Greek officials"]
    assert resolve(["investors", "industry analysts"], text, "Merck") == ["investors", "industry analysts"]
    assert resolve(["Republican", "Democratic congressional leaders"], text, "Trump") == [
        "Republican and Democratic congressional leaders"]
    text = "Cordray will tour Ohio, meeting with Democratic activists, community leaders and voters."
    expected = ["Democratic activists", "community leaders", "voters"]
    assert resolve(["Democratic activists, community leaders and voters"], text, "Cordray") == expected
    assert resolve(["Democratic activists, community leaders and voters"], "Cordray will tour.", "Cordray") == (
        expected)  # not in the article verbatim


def test_a_bare_adjective_is_no_participant():
    text = "Trump is heading to Mexico to meet the Mexican leader on Wednesday."
    assert resolve(["Mexican"], text, "Trump") == []


def test_places_times_events_and_news_agencies_are_dropped():
    text = ("TOKYO (Reuters) - Japan and the United States will hold trade talks in Brussels on Tuesday, "
            "Kyodo reported, ahead of the Asia-Pacific Economic Cooperation Summit in Osaka.")
    spans = ["Japan", "the United States", "Brussels", "Tuesday", "Kyodo", "Reuters",
             "Asia-Pacific Economic Cooperation Summit", "Osaka"]
    assert resolve(spans, text, "TOKYO") == ["Japan", "United States"]


def test_a_country_after_a_preposition_is_the_place_not_a_party():
    text = "Abe will travel to Peru and Chile next week to meet Chilean President Michelle Bachelet."
    assert resolve(["Abe", "Peru", "Chile", "Michelle Bachelet"], text, "Abe") == ["Abe", "Michelle Bachelet"]


def test_a_name_used_as_a_modifier_is_no_participant():
    text = "Tsai said the Trump administration would meet Chinese officials next week."
    assert resolve(["Trump", "Chinese officials"], text, "Tsai") == ["Chinese officials"]


@pytest.mark.parametrize(("span", "names"), [
    ("Japan's Prime Minister Shinzo Abe", ["Shinzo Abe"]),
    ("Germany’s Angela Merkel", ["Angela Merkel"]),
    ("China's Sinopec Corp", ["Sinopec Corp"]),
    ("Greece's creditors", ["Greece's creditors"]),  # no name after the owner: the group as written
    ("BP CEO Tony Hayward", ["Tony Hayward"]),
    ("EU foreign policy chief Catherine Ashton", ["Catherine Ashton"]),
])
def test_a_country_or_organisation_owning_a_name_is_no_participant(span, names):
    text = f"{span} will hold talks with Xi Jinping on Friday."
    assert resolve([span, "Xi Jinping"], text, span) == [*names, "Xi Jinping"]


def test_sentence_starting_words_are_no_names():
    text = "Producers met briefly today. Nevertheless, producers and consumers will meet on Friday."
    assert resolve(["Nevertheless"], text, "Nevertheless") == []


def test_duplicates_are_dropped_keeping_the_fullest():
    text = "Prime Minister Shinzo Abe will meet Trump. Abe and Shinzo Abe's aides will meet Donald Trump."
    assert resolve(["Abe", "Shinzo Abe", "Trump", "Donald Trump"], text, "Abe and") == [
        "Shinzo Abe", "Donald Trump"]


def test_a_span_the_article_does_not_contain_is_still_resolved():
    text = "“From Nov. 29, Ambassador (Anatoly) Antonov will visit the state of California,” RIA said."
    assert resolve(["Ambassador (Anatoly) Antonov"], text, "“From") == ["Anatoly Antonov"]


def test_the_recogniser_lists_people():
    assert person_names(TEXT) == ["Shinzo Abe", "Donald Trump"]
    kinds = {m.name: m.kind for m in analyse("The International Monetary Fund met in Lima, Peru on Monday.")
             .mentions}
    assert kinds == {"International Monetary Fund": "org", "Lima": "place", "Peru": "country", "Monday": "time"}


def test_empty_input():
    assert resolve_participants([], TEXT, 0) == []
    assert resolve_participants(["", "  "], TEXT, 0) == []
    assert resolve_participants(["Abe"], "", 0) == ["Abe"]


def test_names_across_connectors_and_headlines():
    text = ("OPEC CUTS Libya's top oil official said the Organization of Petroleum Exporting Countries may cut "
            "output. Finance ministers of the Group of 20 will meet the U.S. Securities and Exchange Commission "
            "and Ahmed al-Tayer on Friday.")
    names = [m.name for m in analyse(text).mentions if m.kind in ("org", "person")]
    assert "OPEC CUTS Libya" not in names and "Libya" not in names
    assert {"Organization of Petroleum Exporting Countries", "Group of 20", "Ahmed al-Tayer",
            "U.S. Securities and Exchange Commission"} <= set(names)


def test_given_names_tell_people_from_other_capitalised_pairs():
    text = ("Protesters carried placards saying “Dump Trump”. U.S. President Donald Trump will meet Erik Prince "
            "at the High Line on Monday. Prince and Trump are expected to talk for an hour.")
    kinds = {m.name: m.kind for m in analyse(text).mentions}
    assert kinds["Erik Prince"] == "person" and kinds["High Line"] != "person"
    assert resolve(["Prince", "Trump"], text, "Prince and") == ["Erik Prince", "Donald Trump"]


def test_the_three_leaders_and_a_title_given_in_apposition():
    text = ("Prime Minister Antonis Samaras met Evangelos Venizelos and Fotis Kouvelis on Monday. "
            "The three leaders will meet again on Wednesday.")
    assert resolve(["The three leaders"], text, "The three") == [
        "Antonis Samaras", "Evangelos Venizelos", "Fotis Kouvelis"]
    text = "Malawi's new president, Joyce Banda, took office. The president will meet IMF officials next week."
    assert resolve(["The president"], text, "The president") == ["Joyce Banda"]
    text = "President Bingu wa Mutharika died. " + text  # two presidents: no telling which
    assert resolve(["The president"], text, "The president") == []


def test_the_owner_of_a_meeting_place_is_a_party():
    text = "Members will face a choice at OPEC's next meeting in Vienna in June."
    assert resolve(["OPEC"], text, "Members") == ["OPEC"]


def test_modifiers_prefixes_and_tickers():
    text = ("Officials met former Japanese Foreign Minister Shintaro Abe. KfW chief Ingrid Matthaeus-Maier and "
            "General Electric Co ( GE.N ) will meet Chancellor Angela Merkel on Friday.")
    assert resolve(["former Japanese Foreign Minister Shintaro Abe"], text, "Officials") == ["Shintaro Abe"]
    assert resolve(["KfW chief Ingrid Matthaeus-Maier", "General Electric Co", "GE.N", "Merkel"], text,
                   "KfW") == ["Ingrid Matthaeus-Maier", "General Electric Co", "Angela Merkel"]


@pytest.mark.parametrize(("span", "names"), [
    ("the head of the U.S. Federal Aviation Administration", ["head of the U.S. Federal Aviation Administration"]),
    ("Iowa's attorney general", ["Iowa's attorney general"]),
    ("Acme Bank's home mortgage chief", ["Acme Bank's home mortgage chief"]),
    ("the civil aviation regulator", ["civil aviation regulator"]),
    ("the chairman", []),  # an office with no owner, complement or modifier names no one
    ("a senior executive", []),
    ("the country's finance minister", []),  # an owner that names no one
    ("the spokesman of the ministry", []),  # not an office
])
def test_an_unnamed_office_holder_is_a_party_as_described(span, names):
    text = f"Acme Corp will meet {span} on Friday to present new measures."
    assert resolve(["Acme Corp", span], text, text) == ["Acme Corp", *names]


def test_an_office_holder_named_in_apposition_or_before_is_that_person():
    text = ("German Finance Minister Wolfgang Schaeuble spoke. Brown will hold talks with the governor of the Bank "
            "of England, Mervyn King, and the IMF's mission chief to Malawi, Tsidi Tsikata, and Germany's finance "
            "minister on Tuesday.")
    spans = ["Brown", "the governor of the Bank of England", "the IMF's mission chief", "Germany's finance minister"]
    assert resolve(spans, text, "Brown") == ["Brown", "Mervyn King", "Tsidi Tsikata", "Wolfgang Schaeuble"]


def test_a_hyphenated_pair_of_chambers_or_countries_names_both():
    text = "The final bill will come from a House-Senate conference. U.S.-China talks resume. Coca-Cola will attend."
    assert resolve(["House-Senate"], text, "The final") == ["House", "Senate"]
    assert resolve(["U.S.-China"], text, "U.S.-China") == ["U.S.", "China"]
    assert resolve(["Coca-Cola"], text, "Coca-Cola") == ["Coca-Cola"]


def test_a_month_after_a_given_name_is_a_surname_and_regnal_numbers_stay():
    text = ("Trump met British Prime Minister Theresa May and Queen Elizabeth II in England. "
            "He will see Brian May 5 days later.")
    assert resolve(["British Prime Minister Theresa May", "Queen Elizabeth II"], text, "Trump met") == [
        "Theresa May", "Elizabeth II"]
    assert "May" not in " ".join(resolve(["Brian"], text, "He will"))  # "May 5" is a date


def test_an_organisations_bare_members_are_not_listed_beside_it():
    text = "Commissioners may wait until the Commodity Futures Trading Commission meets on January 13."
    assert resolve(["commissioners", "Commodity Futures Trading Commission"], text, "Commissioners") == [
        "Commodity Futures Trading Commission"]
    assert resolve(["commissioners", "Gary Gensler"], text, "Commissioners") == ["commissioners", "Gary Gensler"]


def test_a_legal_form_in_capitals_stays_with_its_company():
    text = "Chrysler LLC and Cerberus Capital Management LP met BP PLC on Tuesday."
    assert resolve(["Chrysler LLC", "Cerberus Capital Management LP", "BP PLC"], text, "Chrysler") == [
        "Chrysler LLC", "Cerberus Capital Management LP", "BP PLC"]


def test_it_is_the_organisation_named_just_before():
    text = "Acme Corp said on Monday it will meet the union next week."
    assert resolve(["it"], text, text) == ["Acme Corp"]
    text = "Acme Corp rejected the bid. It will meet the union next week."
    assert resolve(["It"], text, "It will meet the union next week.") == ["Acme Corp"]
    text = "NEW YORK (Reuters) - Shares rose on Monday. It will meet the union next week."
    assert resolve(["It"], text, "It will meet") == []  # a shouted dateline names no organisation
    text = "Merkel met Macron. It was a good meeting."
    assert resolve(["It"], text, "It was a good meeting.") == []  # never a person


def test_it_is_the_organisation_named_last_even_when_named_before_too():
    text = "The European Central Bank (ECB) watched Basel Bank closely before the ECB said it would act."
    assert resolve(["it"], text, text) == ["European Central Bank"]


def test_the_group_is_the_organisation_so_named_else_the_one_named_last():
    text = "Carlyle Group bought the firm. The group will meet regulators on Friday."
    assert resolve(["The group"], text, "The group will meet regulators on Friday.") == ["Carlyle Group"]
    text = "OPEC ministers gather in Vienna. The group will decide on output."
    assert resolve(["The group"], text, "The group will decide on output.") == ["OPEC"]
    text = "Taxes must rise, Rivlin said. The deficit panel is meeting this week."
    assert resolve(["The deficit panel"], text, "The deficit panel") == ["the deficit panel"]  # as described
    assert resolve(["The panel"], "Taxes must rise. The panel is meeting this week.", "The panel") == []


def test_they_is_the_group_of_people_that_opens_the_sentence():
    text = "NEW DELHI (Reuters) - Indian investigators said on Friday they will travel to Italy next week."
    assert resolve_participants(["they"], text, 0, [text.index("they")]) == ["Indian investigators"]
    text = "OPEC oil ministers said they would meet again in March."
    assert resolve(["they"], text, text) == ["OPEC oil ministers"]
    text = "The Japanese Prime Minister said they would meet again in March."
    assert resolve(["they"], text, text) == []  # one person opens it: no group to name


def test_a_board_stands_for_its_organisation():
    text = "Acme Corp rejected the bid. Its board will meet on Friday."
    assert resolve(["Its board"], text, "Its board will meet on Friday.") == ["Acme Corp"]
    text = "Acme Corp rejected the bid. The company's board will meet on Friday."
    assert resolve(["The company's board"], text, "The company's board will meet on Friday.") == ["Acme Corp"]
    text = "The Federal Reserve Board will meet. The board is expected to hold rates."
    assert resolve(["The board"], text, "The board is expected to hold rates.") == ["Federal Reserve Board"]


def test_the_company_is_the_one_the_article_is_about():
    text = ("Zenith Motor Co cut its bonuses. Rivals Apex Corp and Nova LLC sought loans; Zenith did not. "
            "Zenith said costs fell. The automaker's annual meeting is on May 14.")
    assert resolve(["The automaker"], text, "The automaker's annual meeting is on May 14.") == ["Zenith Motor Co"]


def test_a_business_noun_with_none_of_its_kind_named_is_the_company_the_article_is_about():
    text = ("UBS posted a loss. Regulators at FINMA and the Federal Energy Regulatory Commission (FERC) criticised "
            "UBS. FERC, FERC and FERC again. UBS said the bank will hold talks with FERC on Monday.")
    assert resolve(["the bank"], text, "UBS said the bank") == ["UBS"]  # a public body is no company
    text = "Regulators criticised Acme Corp and Zenith Corp. Analysts said the bank will hold talks on Monday."
    assert resolve(["the bank"], text, "Analysts said") == ["the bank"]  # two named as often: none
    text = "UBS posted a loss and UBS cut jobs. Analysts said the central bank will meet on Monday."
    assert resolve(["the central bank"], text, "Analysts said") == ["the central bank"]  # not a company's noun


def test_a_stock_ticker_is_no_part_of_a_name():
    text = "The family said it will meet with News Corp. NWSa.N to discuss the bid."
    assert resolve(["News Corp. NWSa.N"], text, text) == ["News Corp."]
    text = "Xstrata will hold talks with Vale VALE5.SA and Outokumpu OUT1V.HE next week."
    assert resolve(["Vale VALE5.SA", "Outokumpu OUT1V.HE"], text, text) == ["Vale", "Outokumpu"]


@given(st.lists(st.sampled_from(["leaders", "officials", "business", "people", "minister", "s", "and", "or", ",",
                                 "the", "union", "a", "of", "banks", " ", ", and"]), min_size=1, max_size=9))
def test_splitting_a_group_phrase_never_fails_and_keeps_its_words(words: list[str]) -> None:
    """A list of groups splits at its commas and conjunctions; any run of words and separators is safe."""
    from extractors.language.names.resolve import _split_group

    phrase = " ".join(words)
    parts = _split_group(phrase)
    assert all(p and p in phrase for p in parts)


def test_a_group_list_splits_between_plural_heads() -> None:
    from extractors.language.names.resolve import _split_group

    assert _split_group("experts and business people") == ["experts", "business people"]
    assert _split_group("Republican and Democratic leaders") == ["Republican and Democratic leaders"]
    assert _split_group("union officials, , and bankers") == ["union officials", "bankers"]


def test_the_two_sides_may_be_a_person_and_an_organisation():
    text = ("Angela Merkel criticised the European Commission over the budget. "
            "The two sides will meet on Friday.")
    at = text.index("The two sides")
    assert resolve_participants(["The two sides"], text, at, [at]) == ["Angela Merkel", "European Commission"]


@pytest.mark.parametrize("text, name", [
    ("The Organization of the Petroleum Exporting Countries meets on Friday.",
     "Organization of the Petroleum Exporting Countries"),
    ("The Council of the European Union will meet.", "Council of the European Union"),
    ("The United Auto Workers will vote.", "United Auto Workers"),
])
def test_an_organisation_with_of_the_or_workers_in_its_name_is_one_organisation(text, name):
    assert [(m.name, m.kind) for m in analyse(text).mentions][:1] == [(name, "org")]


def test_of_the_after_a_title_does_not_join_a_name():
    names = [(m.name, m.kind) for m in analyse("Speaker of the House Paul Ryan will meet them.").mentions]
    assert ("Speaker", "title") in names


@pytest.mark.parametrize(("a", "b", "same"), [
    ("Federal Reserve", "Fed", True),
    ("Group of Seven", "G7", True),
    ("European Union", "EU", True),
    ("Donald Trump", "Trump", True),
    ("European Union", "African Union", False),
    ("Japan", "Bank of Japan", False),
    ("Fed officials", "Fed", False),  # a group of the organisation's people is a party of its own
    ("the Bush administration", "George W. Bush", False),
])
def test_one_party_named_twice(a, b, same):
    assert same_name(a, b) is same and same_name(b, a) is same


@pytest.mark.parametrize(("a", "b", "clash"), [
    (["G20 leaders"], ["G20 finance ministers and central bank governors"], True),
    (["OPEC finance ministers"], ["OPEC's energy ministers"], True),
    (["EU heads of state"], ["EU prime ministers"], False),  # both leaders
    (["EU ministers"], ["EU foreign ministers"], False),  # ministers of no portfolio fit any
    (["Angela Merkel"], ["EU finance ministers"], False),  # no rank on one side says nothing
])
def test_one_body_at_two_ranks_is_two_parties(a, b, clash):
    assert ranks_clash(a, b) is clash and ranks_clash(b, a) is clash


@pytest.mark.parametrize(("name", "token"), [
    ("Group of 20 nations", "g20"), ("Group of Eight", "g8"), ("G-7", "g7"),
    ("G20 group of the world's leading economies", "g20"),  # "group of the" is no "Group of <number>"
])
def test_group_of_a_number_keys_as_its_short_name(name, token):
    key = name_key(name)
    assert token in key.tokens and not any(t.startswith("gthe") for t in key.tokens)
    assert one_party(name, "G20") is (token == "g20")


def test_an_organisation_after_at_is_a_party_when_it_heads_a_meeting():
    text = "Results will be presented at the American Society of Clinical Oncology annual meeting in Orlando."
    name = "American Society of Clinical Oncology"
    assert resolve_participants([name], text, 0, [text.index(name)]) == [name]
    text = "The ministers will meet at the American Society of Clinical Oncology on Monday."
    assert resolve_participants([name], text, 0, [text.index(name)]) == []  # there, it is the place


def test_a_country_before_and_and_a_titled_person_stays_a_party():
    text = "The United States and Chinese President Hu Jintao will meet on Monday."
    span = "The United States and Chinese President Hu Jintao"
    assert resolve([span], text, "The") == ["United States", "Hu Jintao"]
