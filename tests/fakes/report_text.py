"""The text of the reports the tests make into PDF and DOCX files, in English and German."""
# ruff: noqa: E501

from typing import Any

HEAT_PUMPS: dict[str, Any] = {
    "title": "Heat Pumps in Homes",
    "subtitle": "A report on efficiency, costs and installation",
    "sections": [
        (
            "1 Introduction",
            [
                "Heat pumps move heat from outside air or the ground into a home instead of burning fuel.",
                "A typical air source heat pump delivers about 3 units of heat for every unit of electricity it uses.",
                "Across the surveyed towns, 412 households replaced a gas boiler with a heat pump between 2019 and 2023.",
                "This report follows those households through their first two winters.",
                "It asks how much energy the pumps saved, what they cost to install, and what owners thought of them.",
                "Most owners said that the house felt warmer and more even than before.",
                "Several owners also reported lower bills in the second winter than in the first.",
                "The sections below describe how the pumps work, then efficiency, costs, installation and noise.",
            ],
        ),
        (
            "2 How a heat pump works",
            [
                "A heat pump uses a refrigerant that boils at a very low temperature.",
                "Outdoor air warms the refrigerant until it evaporates, even on a cold winter day.",
                "A compressor then squeezes the vapour, which raises its temperature to around 55 degrees.",
                "The hot refrigerant passes its heat to the water in the radiators or the floor pipes.",
                "After releasing its heat the refrigerant condenses and flows back outside to start again.",
                "The same cycle runs in reverse in summer, so many heat pumps can also cool a home.",
                "Because the pump moves heat rather than making it, its output exceeds the electricity it draws.",
                "The ratio of heat delivered to electricity used is called the coefficient of performance.",
            ],
        ),
        (
            "3 Efficiency through the seasons",
            [
                "The measured seasonal coefficient of performance averaged 3.1 across all homes.",
                "Homes with underfloor heating reached 3.6, because the water they need is cooler.",
                "Homes that kept their old radiators averaged 2.7, as the pump had to heat water hotter.",
                "Efficiency fell on the coldest days, when the outdoor air held less heat to move.",
                "On days below minus 5 degrees the coefficient dropped to about 2.2.",
                "Good insulation mattered more than the brand of pump for the yearly result.",
                "Owners who lowered the flow temperature after the first winter saw efficiency rise.",
                "Correct sizing kept the pumps from switching on and off too often.",
            ],
        ),
        (
            "4 Costs and savings",
            [
                "The average installed cost of an air source heat pump was 11,500 euros before grants.",
                "Ground source systems cost more, at an average of 21,000 euros, because of the drilling.",
                "Yearly running costs fell by 28 percent compared with the old gas boilers.",
                "Savings were largest in well insulated homes with low flow temperatures.",
                "Grants covered about 40 percent of the installed cost for most households.",
                "With grants, the typical payback period was between 8 and 12 years.",
                "Maintenance costs were low, as a pump needs one service a year.",
                "Table 1 compares the costs of the three kinds of heating that owners replaced.",
            ],
        ),
        (
            "5 Installation",
            [
                "Most installations took between two and four days from start to finish.",
                "The outdoor unit usually stands on a concrete base against a side wall.",
                "Indoors, the pump needs a hot water cylinder and sometimes larger radiators.",
                "Installers replaced radiators in 35 percent of the homes to lower the flow temperature.",
                "A survey of heat loss before the work set the size of the pump for each home.",
                "Owners rated the installers highly when the work was explained to them in advance.",
                "Figure 1 shows a typical outdoor unit installed beside a house.",
                "Delays were mostly caused by waiting for electrical upgrades from the network operator.",
            ],
        ),
        (
            "6 Noise and siting",
            [
                "A modern outdoor unit produces about 40 decibels at a distance of three metres.",
                "That is quieter than normal conversation and similar to a library.",
                "Noise complaints came from 6 of the 412 households, all about units placed under bedrooms.",
                "Moving the unit or fitting an acoustic screen solved each of those complaints.",
                "Siting the unit away from windows and neighbours keeps noise from becoming a problem.",
                "Planning rules in most towns allow an outdoor unit without a permit when it is quiet enough.",
                "Owners said the unit was easy to forget once it was running.",
                "Snow and leaves should be kept clear of the unit so that air can flow freely.",
            ],
        ),
        (
            "7 Policy and grants",
            [
                "National grants for heat pumps began in 2020 and were raised in 2022.",
                "Local councils added smaller grants for insulation done at the same time.",
                "Households on low incomes could receive up to 70 percent of the cost.",
                "Clear information about grants was the factor owners mentioned most often.",
                "The grant process took an average of 6 weeks from application to approval.",
                "Some households waited longer because the paperwork asked for a heat loss survey first.",
                "Simpler forms would help more households to apply without an installer's help.",
                "Electricity prices relative to gas decide how much a household saves in the long run.",
            ],
        ),
        (
            "8 Conclusions",
            [
                "Heat pumps cut heating costs and emissions in almost every home that was studied.",
                "The best results came from insulated homes with underfloor heating or large radiators.",
                "Installation costs remain high, but grants shorten the payback period considerably.",
                "Noise is rarely a problem when the outdoor unit is sited with care.",
                "Owners would recommend a heat pump to a friend in 9 out of 10 cases.",
                "Better information about grants and sizing would help more households to switch.",
                "Future work should follow the homes for a longer period to measure wear over time.",
                "The findings support wider use of heat pumps in existing homes.",
            ],
        ),
    ],
    "table": [
        ["Heating", "Installed cost", "Yearly running cost"],
        ["Gas boiler", "3,200 euros", "1,450 euros"],
        ["Air source heat pump", "11,500 euros", "1,040 euros"],
        ["Ground source heat pump", "21,000 euros", "890 euros"],
    ],
    "table_caption": "Table 1: Costs of heating systems in the surveyed homes",
    "table_section": 3,
    "figure_caption": "Figure 1: An air source heat pump outside a house",
    "figure_section": 4,
}

WAERMEPUMPEN: dict[str, Any] = {
    "title": "Wärmepumpen im Eigenheim",
    "subtitle": "Ein Bericht über Effizienz, Kosten und Einbau",
    "sections": [
        (
            "1 Einleitung",
            [
                "Eine Wärmepumpe holt Wärme aus der Außenluft oder dem Boden in das Haus.",
                "Eine typische Luftwärmepumpe liefert etwa 3 Einheiten Wärme für jede Einheit Strom.",
                "In den untersuchten Orten haben 412 Haushalte zwischen 2019 und 2023 ihren Gaskessel ersetzt.",
                "Dieser Bericht begleitet diese Haushalte durch ihre ersten beiden Winter.",
                "Die meisten Besitzer sagten, dass das Haus gleichmäßiger warm war als vorher.",
                "Die folgenden Abschnitte beschreiben Funktion, Effizienz, Kosten und Einbau.",
            ],
        ),
        (
            "2 Funktionsweise",
            [
                "Eine Wärmepumpe nutzt ein Kältemittel, das schon bei sehr niedriger Temperatur siedet.",
                "Die Außenluft erwärmt das Kältemittel, bis es verdampft, selbst an einem kalten Tag.",
                "Ein Verdichter presst den Dampf zusammen und hebt seine Temperatur auf etwa 55 Grad.",
                "Das heiße Kältemittel gibt seine Wärme an das Wasser der Heizkörper ab.",
                "Danach kondensiert das Kältemittel und fließt zurück nach draußen.",
                "Das Verhältnis von gelieferter Wärme zu Strom heißt Leistungszahl.",
            ],
        ),
        (
            "3 Effizienz im Jahreslauf",
            [
                "Die gemessene Jahresarbeitszahl lag im Mittel aller Häuser bei 3,1.",
                "Häuser mit Fußbodenheizung erreichten 3,6, weil sie kühleres Wasser brauchen.",
                "Häuser mit alten Heizkörpern kamen im Mittel auf 2,7.",
                "An Tagen unter minus 5 Grad sank die Leistungszahl auf etwa 2,2.",
                "Eine gute Dämmung war für das Jahresergebnis wichtiger als die Marke der Pumpe.",
                "Eine niedrigere Vorlauftemperatur nach dem ersten Winter steigerte die Effizienz.",
            ],
        ),
        (
            "4 Kosten und Einsparungen",
            [
                "Eine Luftwärmepumpe kostete eingebaut im Mittel 11.500 Euro vor Förderung.",
                "Erdwärmepumpen kosteten wegen der Bohrung im Mittel 21.000 Euro.",
                "Die jährlichen Betriebskosten sanken gegenüber den alten Gaskesseln um 28 Prozent.",
                "Die Förderung deckte bei den meisten Haushalten etwa 40 Prozent der Kosten.",
                "Mit Förderung lag die Amortisationszeit zwischen 8 und 12 Jahren.",
                "Tabelle 1 vergleicht die Kosten der drei Heizungsarten.",
            ],
        ),
        (
            "5 Einbau",
            [
                "Die meisten Einbauten dauerten zwischen zwei und vier Tagen.",
                "Das Außengerät steht meist auf einem Betonsockel an einer Seitenwand.",
                "In 35 Prozent der Häuser wurden größere Heizkörper eingebaut.",
                "Eine Heizlastberechnung vor dem Einbau legte die Größe der Pumpe fest.",
                "Abbildung 1 zeigt ein typisches Außengerät neben einem Haus.",
                "Verzögerungen entstanden meist durch Wartezeiten beim Netzbetreiber.",
            ],
        ),
        (
            "6 Fazit",
            [
                "Wärmepumpen senkten Heizkosten und Emissionen in fast jedem untersuchten Haus.",
                "Die besten Ergebnisse gab es in gedämmten Häusern mit Fußbodenheizung.",
                "Die Einbaukosten bleiben hoch, doch die Förderung verkürzt die Amortisationszeit deutlich.",
                "Neun von zehn Besitzern würden eine Wärmepumpe weiterempfehlen.",
                "Bessere Informationen über Förderung würden mehr Haushalten den Wechsel erleichtern.",
            ],
        ),
    ],
    "table": [
        ["Heizung", "Einbaukosten", "Jährliche Betriebskosten"],
        ["Gaskessel", "3.200 Euro", "1.450 Euro"],
        ["Luftwärmepumpe", "11.500 Euro", "1.040 Euro"],
        ["Erdwärmepumpe", "21.000 Euro", "890 Euro"],
    ],
    "table_caption": "Tabelle 1: Kosten der Heizungsarten in den untersuchten Häusern",
    "table_section": 3,
    "figure_caption": "Abbildung 1: Eine Luftwärmepumpe vor einem Haus",
    "figure_section": 4,
}
