"""A loopback model that writes the way a good model does: long bullets, markdown, a URL.

Eight slides: 3-7 bullets of 5-20 words, 80-150 word notes, one very long title, `**Term**:`
lead-ins, and a URL in one slide's notes. Odd slides answer with one narration paragraph per
bullet; even slides with plain notes, so both ways of splitting notes are exercised.
"""

import json
import re
from typing import Any

from tests.fakes.llm import FakeOllama
from tests.fakes.realistic_more import MORE

BULLETS_PER_SLIDE = [5, 7, 4, 6, 3, 5, 4]
URL_SLIDE = 3

# per language: deck title, subtitle, 7 slide titles (the 2nd very long),
# then (bullet, narration paragraph) pairs used in turn
CONTENT: dict[str, dict[str, Any]] = {
    "en": {
        "title": "Fire Safety at Home",
        "subtitle": "Preventing, detecting and escaping house fires",
        "slides": [
            "Why home fires are dangerous",
            "Smoke alarms, escape plans and the everyday habits that together decide "
            "whether a family gets out of a burning house alive",
            "Kitchen fires",
            "Electrical safety",
            "Heating and candles",
            "Your escape plan",
            "Summary",
        ],
        "pairs": [
            (
                "**Fire safety**: most deadly fires start at night while people are asleep",
                "Most deadly house fires start at night. People are asleep and do not notice the "
                "smoke until it is too late.",
            ),
            (
                "**Smoke** spreads faster than flames and fills a room within minutes",
                "Smoke is the real killer. It spreads much faster than the flames themselves and "
                "can fill a bedroom in just a few minutes.",
            ),
            (
                "**Alarms**: test every smoke alarm once a month and replace batteries yearly",
                "Smoke alarms only help when they work. Press the test button once a month and "
                "put in new batteries every year.",
            ),
            (
                "Install alarms on every level of the home and outside each sleeping area",
                "Put an alarm on every floor of your home. The most important places are the "
                "hallways outside the bedrooms.",
            ),
            (
                "**Cooking**: never leave a hot pan unattended, even for a moment",
                "Cooking is the leading cause of home fires. Stay in the kitchen whenever the "
                "stove is on, even if you only step away for a moment.",
            ),
            (
                "Keep tea towels, oven gloves and paper away from the hob",
                "Anything that can burn should stay away from the hob. Tea towels and paper catch "
                "fire in seconds.",
            ),
            (
                "**Oil fires**: cover the pan with a lid and turn off the heat; never use water",
                "A burning pan of oil must never meet water. Slide a lid over the pan and switch "
                "off the heat instead.",
            ),
            (
                "Do not overload sockets with adapters and extension leads",
                "Overloaded sockets get hot. Use one plug per socket where you can, and never "
                "chain extension leads together.",
            ),
            (
                "Replace cables that are frayed, cracked or warm to the touch",
                "Damaged cables are a common cause of electrical fires. Replace any cable that is "
                "frayed, cracked or feels warm.",
            ),
            (
                "**Heaters** need a metre of clear space around them at all times",
                "Portable heaters need space. Keep them at least a metre away from curtains, beds "
                "and furniture.",
            ),
            (
                "Put candles out before leaving a room or going to sleep",
                "Candles are lovely but dangerous. Always put them out before you leave the room "
                "or go to bed.",
            ),
            (
                "**Escape plan**: agree on two ways out of every room and a meeting point",
                "Every family needs an escape plan. Agree on two ways out of each room and a "
                "meeting point outside.",
            ),
            (
                "Practise the plan at night with the whole family twice a year",
                "A plan only works if everyone knows it. Practise it twice a year, once in the "
                "dark, with everyone at home.",
            ),
            (
                "Get out, stay out and call the fire service from a safe place",
                "If there is a fire, get out and stay out. Call the fire service only once you "
                "are safely outside.",
            ),
        ],
        "opening": "Let us look at this part of fire safety more closely.",
        "url_sentence": "You can find a printable checklist at "
        "https://www.nfpa.org/education/fire-safety-checklist.",
    },
    "de": {
        "title": "Brandschutz im eigenen Zuhause",
        "subtitle": "Vorbeugen, erkennen und sicher entkommen",
        "slides": [
            "Warum Wohnungsbrände so gefährlich sind",
            "Rauchmelder, Fluchtpläne und die alltäglichen Gewohnheiten, die gemeinsam "
            "darüber entscheiden, ob eine Familie einen Wohnungsbrand überlebt",
            "Brände in der Küche",
            "Elektrische Sicherheit",
            "Heizungen und Kerzen",
            "Ihr Fluchtplan",
            "Zusammenfassung",
        ],
        "pairs": [
            (
                "**Brandschutz**: Die meisten tödlichen Brände beginnen nachts im Schlaf",
                "Die meisten tödlichen Wohnungsbrände beginnen nachts. Die Bewohner schlafen und "
                "bemerken den Rauch erst, wenn es zu spät ist.",
            ),
            (
                "**Rauch** breitet sich schneller aus als Flammen und füllt Räume in Minuten",
                "Der Rauch ist die eigentliche Gefahr. Er breitet sich viel schneller aus als die "
                "Flammen und füllt ein Schlafzimmer in wenigen Minuten.",
            ),
            (
                "**Rauchmelder**: monatlich testen und die Batterien jährlich austauschen",
                "Rauchmelder helfen nur, wenn sie funktionieren. Drücken Sie einmal im Monat die "
                "Prüftaste und wechseln Sie jährlich die Batterien.",
            ),
            (
                "Installieren Sie Rauchmelder auf jeder Etage und vor allen Schlafräumen",
                "Auf jede Etage gehört ein Rauchmelder. Am wichtigsten sind die Flure vor den "
                "Schlafzimmern.",
            ),
            (
                "**Kochen**: Lassen Sie heiße Pfannen niemals unbeaufsichtigt, auch nicht kurz",
                "Kochen ist die häufigste Ursache von Wohnungsbränden. Bleiben Sie in der Küche, "
                "solange der Herd eingeschaltet ist.",
            ),
            (
                "Halten Sie Geschirrtücher, Topflappen und Papier vom Herd fern",
                "Alles Brennbare gehört weg vom Herd. Geschirrtücher und Papier fangen in Sekunden "
                "Feuer.",
            ),
            (
                "**Fettbrände**: Deckel auflegen, Hitze abschalten und niemals mit Wasser löschen",
                "Brennendes Fett darf nie mit Wasser gelöscht werden. Legen Sie einen Deckel auf "
                "die Pfanne und schalten Sie die Hitze ab.",
            ),
            (
                "Überlasten Sie Steckdosen nicht mit Mehrfachsteckern und Verlängerungskabeln",
                "Überlastete Steckdosen werden heiß. Stecken Sie niemals mehrere "
                "Verlängerungskabel hintereinander.",
            ),
            (
                "Ersetzen Sie Kabel, die ausgefranst, rissig oder warm sind",
                "Beschädigte Kabel verursachen viele Brände. Tauschen Sie jedes Kabel aus, das "
                "ausgefranst, rissig oder warm ist.",
            ),
            (
                "**Heizgeräte** brauchen jederzeit einen Meter freien Abstand",
                "Heizlüfter brauchen Platz. Halten Sie mindestens einen Meter Abstand zu "
                "Vorhängen, Betten und Möbeln.",
            ),
            (
                "Löschen Sie Kerzen, bevor Sie den Raum verlassen oder schlafen gehen",
                "Kerzen sind schön, aber gefährlich. Löschen Sie sie immer, bevor Sie den Raum "
                "verlassen oder schlafen gehen.",
            ),
            (
                "**Fluchtplan**: zwei Wege aus jedem Raum und einen Treffpunkt vereinbaren",
                "Jede Familie braucht einen Fluchtplan. Vereinbaren Sie zwei Wege aus jedem Raum "
                "und einen Treffpunkt im Freien.",
            ),
            (
                "Üben Sie den Plan zweimal im Jahr mit der ganzen Familie, auch nachts",
                "Ein Plan funktioniert nur, wenn alle ihn kennen. Üben Sie ihn zweimal im Jahr, "
                "einmal davon im Dunkeln.",
            ),
            (
                "Raus, draußen bleiben und die Feuerwehr aus sicherer Entfernung rufen",
                "Wenn es brennt, verlassen Sie sofort die Wohnung. Rufen Sie die Feuerwehr erst, "
                "wenn Sie draußen in Sicherheit sind.",
            ),
        ],
        "opening": "Schauen wir uns diesen Teil des Brandschutzes genauer an.",
        "url_sentence": "Eine Checkliste zum Ausdrucken finden Sie unter "
        "https://www.feuerwehrverband.de/brandschutz/checkliste.",
    },
    "hi": {
        "title": "घर में अग्नि सुरक्षा",
        "subtitle": "आग से बचाव, पहचान और सुरक्षित निकास",
        "slides": [
            "घर की आग इतनी खतरनाक क्यों होती है",
            "स्मोक अलार्म, निकास योजना और रोज़मर्रा की वे आदतें जो मिलकर तय करती हैं कि "
            "परिवार जलते घर से सुरक्षित बाहर निकल पाएगा या नहीं",
            "रसोई की आग",
            "बिजली से सुरक्षा",
            "हीटर और मोमबत्तियाँ",
            "आपकी निकास योजना",
            "सारांश",
        ],
        "pairs": [
            (
                "**अग्नि सुरक्षा**: ज़्यादातर घातक आग रात में लगती है जब लोग सो रहे होते हैं",
                "ज़्यादातर घातक आग रात में लगती है। लोग सो रहे होते हैं और धुएँ को बहुत देर से पहचानते हैं।",
            ),
            (
                "**धुआँ** आग की लपटों से तेज़ फैलता है और मिनटों में कमरा भर देता है",
                "असली खतरा धुआँ है। यह लपटों से कहीं तेज़ फैलता है और कुछ ही मिनटों में कमरा भर देता है।",
            ),
            (
                "**अलार्म**: हर महीने जाँचें और हर साल बैटरी बदलें",
                "स्मोक अलार्म तभी काम आता है जब वह चालू हो। हर महीने टेस्ट बटन दबाएँ और हर साल "
                "नई बैटरी लगाएँ।",
            ),
            (
                "घर की हर मंज़िल पर और सोने के कमरों के बाहर अलार्म लगाएँ",
                "घर की हर मंज़िल पर एक अलार्म होना चाहिए। सबसे ज़रूरी जगह सोने के कमरों के बाहर "
                "का गलियारा है।",
            ),
            (
                "**खाना पकाना**: गरम कड़ाही को कभी भी अकेला न छोड़ें",
                "घर की आग का सबसे बड़ा कारण खाना पकाना है। जब तक चूल्हा जल रहा हो, रसोई में ही रहें।",
            ),
            (
                "कपड़े, दस्ताने और कागज़ चूल्हे से दूर रखें",
                "जो भी चीज़ जल सकती है उसे चूल्हे से दूर रखें। कपड़ा और कागज़ कुछ ही सेकंड में आग पकड़ लेते हैं।",
            ),
            (
                "**तेल की आग**: ढक्कन से ढकें, आँच बंद करें और कभी पानी न डालें",
                "जलते तेल पर कभी पानी न डालें। कड़ाही पर ढक्कन रखें और आँच बंद कर दें।",
            ),
            (
                "एक सॉकेट में बहुत सारे एडेप्टर और एक्सटेंशन न लगाएँ",
                "ज़्यादा भरे सॉकेट गरम हो जाते हैं। एक्सटेंशन बोर्ड को कभी एक के पीछे एक न जोड़ें।",
            ),
            (
                "फटे, टूटे या गरम तारों को तुरंत बदलें",
                "खराब तार बिजली की आग का आम कारण हैं। जो तार फटा, टूटा या गरम हो उसे तुरंत बदलें।",
            ),
            (
                "**हीटर** के चारों ओर हमेशा एक मीटर जगह खाली रखें",
                "हीटर को जगह चाहिए। उसे पर्दों, बिस्तर और फर्नीचर से कम से कम एक मीटर दूर रखें।",
            ),
            (
                "कमरे से निकलने या सोने से पहले मोमबत्ती बुझा दें",
                "मोमबत्तियाँ सुंदर हैं लेकिन खतरनाक भी। कमरे से जाने या सोने से पहले उन्हें हमेशा बुझा दें।",
            ),
            (
                "**निकास योजना**: हर कमरे से दो रास्ते और बाहर मिलने की जगह तय करें",
                "हर परिवार को एक निकास योजना चाहिए। हर कमरे से बाहर निकलने के दो रास्ते और बाहर "
                "मिलने की एक जगह तय करें।",
            ),
            (
                "साल में दो बार पूरे परिवार के साथ रात में अभ्यास करें",
                "योजना तभी काम करती है जब सब उसे जानते हों। साल में दो बार अभ्यास करें, एक बार अँधेरे में।",
            ),
            (
                "बाहर निकलें, बाहर रहें और सुरक्षित जगह से दमकल को फ़ोन करें",
                "आग लगे तो तुरंत बाहर निकलें और बाहर ही रहें। सुरक्षित जगह पहुँचकर ही दमकल को फ़ोन करें।",
            ),
        ],
        "opening": "आइए अग्नि सुरक्षा के इस हिस्से को ध्यान से देखें।",
        "url_sentence": "छापने लायक जाँच सूची https://www.ndma.gov.in/fire-safety पर मिलती है।",
    },
    "zh": {
        "title": "家庭消防安全",
        "subtitle": "预防、发现与安全逃生",
        "slides": [
            "为什么家庭火灾如此危险",
            "烟雾报警器、逃生计划以及共同决定一家人能否从燃烧的房屋中安全逃出的日常习惯",
            "厨房火灾",
            "用电安全",
            "取暖器与蜡烛",
            "您的逃生计划",
            "总结",
        ],
        "pairs": [
            (
                "**消防安全**：大多数致命火灾发生在夜间人们熟睡的时候",
                "大多数致命的家庭火灾发生在夜间。人们正在熟睡，等发现烟雾时往往为时已晚。",
            ),
            (
                "**烟雾**比火焰蔓延得更快，几分钟内就能充满整个房间",
                "真正致命的是烟雾。它比火焰蔓延得快得多，几分钟内就能充满一间卧室。",
            ),
            (
                "**报警器**：每月测试一次烟雾报警器，每年更换电池",
                "烟雾报警器只有在正常工作时才有用。每月按一次测试按钮，每年更换一次电池。",
            ),
            (
                "在每一层楼和每个卧室外面都安装报警器",
                "家里的每一层都应该安装报警器。最重要的位置是卧室外面的走廊。",
            ),
            (
                "**做饭**：热锅绝不能无人看管，哪怕只离开一会儿",
                "做饭是家庭火灾的首要原因。只要炉灶开着，就请留在厨房里。",
            ),
            (
                "让抹布、隔热手套和纸张远离灶台",
                "所有可燃物都应远离灶台。抹布和纸张几秒钟就会着火。",
            ),
            (
                "**油锅起火**：盖上锅盖并关火，千万不要用水扑救",
                "油锅起火绝不能用水浇。应该盖上锅盖，然后关掉火源。",
            ),
            (
                "不要在一个插座上插太多转换器和延长线",
                "超负荷的插座会发热。千万不要把多条延长线串联在一起使用。",
            ),
            (
                "更换磨损、开裂或摸起来发热的电线",
                "损坏的电线是电气火灾的常见原因。任何磨损、开裂或发热的电线都要立即更换。",
            ),
            (
                "**取暖器**周围始终要留出一米的空间",
                "取暖器需要足够的空间。请让它与窗帘、床铺和家具保持至少一米的距离。",
            ),
            (
                "离开房间或睡觉前一定要熄灭蜡烛",
                "蜡烛很美，但也很危险。离开房间或睡觉之前，一定要把蜡烛熄灭。",
            ),
            (
                "**逃生计划**：为每个房间约定两条出路和一个集合点",
                "每个家庭都需要逃生计划。为每个房间约定两条出路，并在室外约定一个集合点。",
            ),
            (
                "每年和全家人在夜间练习两次逃生计划",
                "只有每个人都熟悉，计划才有用。每年练习两次，其中一次在黑暗中进行。",
            ),
            (
                "先逃出去，不要返回，在安全的地方拨打火警电话",
                "一旦起火，立刻逃出去，不要再回去。到达安全地点后再拨打火警电话。",
            ),
        ],
        "opening": "我们来仔细看看消防安全的这一部分。",
        "url_sentence": "您可以在 https://www.119.gov.cn/kp/checklist 下载可打印的检查清单。",
    },
}
CONTENT |= MORE


def realistic_answer(lang: str, messages: list[dict[str, str]], schema: dict[str, Any]) -> str:
    """What a good model answers to Lectra's outline or script prompt, in lang."""
    bank = CONTENT[lang]
    if "slides" in schema.get("properties", {}):
        return json.dumps(
            {"title": bank["title"], "subtitle": bank["subtitle"], "slides": bank["slides"]},
            ensure_ascii=False,
        )
    ask = next(m["content"] for m in messages if m["role"] == "user")
    found = re.search(r"Write slide (\d+),", ask)
    index = int(found.group(1)) - 1 if found else 0
    sep = "" if lang in {"zh", "ja"} else " "
    if index == 0:
        notes = sep.join(p for _, p in bank["pairs"][:2])
        return json.dumps({"bullets": [], "notes": notes}, ensure_ascii=False)
    count = BULLETS_PER_SLIDE[(index - 1) % len(BULLETS_PER_SLIDE)]
    start = sum(BULLETS_PER_SLIDE[: index - 1])
    pairs = [bank["pairs"][(start + n) % len(bank["pairs"])] for n in range(count)]
    narration = [p for _, p in pairs]
    if index == URL_SLIDE:
        narration[-1] = narration[-1] + sep + bank["url_sentence"]
    answer: dict[str, Any] = {"bullets": [f"- {b}" for b, _ in pairs], "image_query": "fire"}
    if index % 2:
        answer |= {"opening": bank["opening"], "narration": narration}
    else:
        answer["notes"] = sep.join([bank["opening"], *narration])
    return "```json\n" + json.dumps(answer, ensure_ascii=False, indent=1) + "\n```"


class RealisticOllama(FakeOllama):
    """An Ollama server whose model writes realistic slides in one language."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def next_answer(self, body: dict[str, Any], schema: dict[str, Any]) -> str:
        self.chats.append(body)
        return realistic_answer(self.lang, body.get("messages", []), schema)
