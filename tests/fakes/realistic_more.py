"""The realistic model's content in Spanish, French, Japanese and Korean (see realistic.py)."""

from typing import Any

MORE: dict[str, dict[str, Any]] = {
    "es": {
        "title": "Seguridad contra incendios en casa",
        "subtitle": "Prevenir, detectar y escapar de un incendio doméstico",
        "slides": [
            "Por qué los incendios domésticos son peligrosos",
            "Detectores de humo, planes de evacuación y los hábitos cotidianos que deciden "
            "si una familia sale con vida de una casa en llamas",
            "Incendios en la cocina",
            "Seguridad eléctrica",
            "Calefactores y velas",
            "Su plan de evacuación",
            "Resumen",
        ],
        "pairs": [
            (
                "**Seguridad**: la mayoría de los incendios mortales empiezan de noche, "
                "mientras la gente duerme",
                "La mayoría de los incendios mortales empiezan de noche. La gente duerme y no "
                "nota el humo hasta que es demasiado tarde.",
            ),
            (
                "El **humo** se propaga más rápido que las llamas y llena una habitación en "
                "minutos",
                "El humo es el verdadero asesino. Se propaga mucho más rápido que las llamas y "
                "puede llenar un dormitorio en pocos minutos.",
            ),
            (
                "**Detectores**: pruebe cada detector una vez al mes y cambie las pilas cada año",
                "Los detectores de humo solo ayudan si funcionan. Pulse el botón de prueba una "
                "vez al mes y ponga pilas nuevas cada año.",
            ),
            (
                "Instale detectores en cada planta y junto a cada dormitorio",
                "Ponga un detector en cada planta de la casa. Los lugares más importantes son "
                "los pasillos junto a los dormitorios.",
            ),
            (
                "**Cocinar**: nunca deje una sartén caliente sin vigilancia, ni un momento",
                "Cocinar es la primera causa de incendios en casa. Quédese en la cocina "
                "mientras el fogón esté encendido.",
            ),
            (
                "Mantenga paños, manoplas y papel lejos de los fogones",
                "Todo lo que puede arder debe estar lejos de los fogones. Los paños y el papel "
                "prenden en segundos.",
            ),
            (
                "**Aceite en llamas**: tape la sartén y apague el fuego; nunca use agua",
                "Una sartén con aceite ardiendo nunca debe tocar el agua. Ponga una tapa y "
                "apague el fuego.",
            ),
            (
                "No sobrecargue los enchufes con adaptadores y alargadores",
                "Los enchufes sobrecargados se calientan. Use un enchufe por aparato y nunca "
                "conecte alargadores en cadena.",
            ),
            (
                "Cambie los cables pelados, agrietados o calientes al tacto",
                "Los cables dañados causan muchos incendios eléctricos. Cambie cualquier cable "
                "pelado, agrietado o caliente.",
            ),
            (
                "Los **calefactores** necesitan un metro de espacio libre alrededor",
                "Los calefactores portátiles necesitan espacio. Manténgalos al menos a un metro "
                "de cortinas, camas y muebles.",
            ),
            (
                "Apague las velas antes de salir de la habitación o de dormir",
                "Las velas son bonitas pero peligrosas. Apáguelas siempre antes de salir de la "
                "habitación o de acostarse.",
            ),
            (
                "**Plan de evacuación**: dos salidas por habitación y un punto de encuentro",
                "Cada familia necesita un plan de evacuación. Acuerden dos salidas de cada "
                "habitación y un punto de encuentro fuera.",
            ),
            (
                "Practiquen el plan de noche con toda la familia dos veces al año",
                "Un plan solo funciona si todos lo conocen. Practíquenlo dos veces al año, una "
                "de ellas a oscuras.",
            ),
            (
                "Salga, no vuelva a entrar y llame a los bomberos desde un lugar seguro",
                "Si hay fuego, salga y no vuelva a entrar. Llame a los bomberos cuando esté a "
                "salvo fuera.",
            ),
        ],
        "opening": "Veamos con más detalle esta parte de la seguridad contra incendios.",
        "url_sentence": "Hay una lista para imprimir en "
        "https://www.proteccioncivil.es/seguridad-en-casa.",
    },
    "fr": {
        "title": "La sécurité incendie à la maison",
        "subtitle": "Prévenir, détecter et s'échapper d'un incendie domestique",
        "slides": [
            "Pourquoi les incendies domestiques sont dangereux",
            "Détecteurs de fumée, plans d'évacuation : les habitudes quotidiennes qui décident "
            "si une famille sort vivante d'une maison en feu",
            "Les feux de cuisine",
            "La sécurité électrique",
            "Chauffages et bougies",
            "Votre plan d'évacuation",
            "En résumé",
        ],
        "pairs": [
            (
                "**Sécurité incendie** : la plupart des incendies mortels se déclarent la nuit",
                "La plupart des incendies mortels se déclarent la nuit. Les gens dorment et ne "
                "remarquent la fumée que trop tard !",
            ),
            (
                "La **fumée** se propage plus vite que les flammes et remplit une pièce en "
                "quelques minutes",
                "C'est la fumée qui tue. Elle se propage bien plus vite que les flammes et peut "
                "remplir une chambre en quelques minutes.",
            ),
            (
                "**Détecteurs** : testez chaque détecteur une fois par mois ; changez les piles "
                "chaque année",
                "Un détecteur ne sert que s'il fonctionne. Appuyez sur le bouton de test une fois "
                "par mois et changez les piles chaque année.",
            ),
            (
                "Installez un détecteur à chaque étage et près de chaque chambre",
                "Placez un détecteur à chaque étage du logement. Les endroits les plus importants "
                "sont les couloirs près des chambres.",
            ),
            (
                "**Cuisine** : ne laissez jamais une poêle chaude sans surveillance",
                "La cuisine est la première cause d'incendie domestique. Restez dans la cuisine "
                "tant que la plaque est allumée.",
            ),
            (
                "Éloignez torchons, maniques et papier des plaques de cuisson",
                "Tout ce qui peut brûler doit rester loin des plaques. Un torchon s'enflamme en "
                "quelques secondes.",
            ),
            (
                "**Feu d'huile** : couvrez la poêle et coupez le feu ; jamais d'eau !",
                "Une poêle d'huile en feu ne doit jamais recevoir d'eau. Posez un couvercle et "
                "coupez le feu.",
            ),
            (
                "Ne surchargez pas les prises avec des multiprises et des rallonges",
                "Une prise surchargée chauffe. Une fiche par prise, et jamais de rallonges "
                "branchées les unes sur les autres.",
            ),
            (
                "Remplacez les câbles effilochés, fendus ou chauds au toucher",
                "Les câbles abîmés causent souvent des incendies électriques. Remplacez tout "
                "câble effiloché, fendu ou chaud.",
            ),
            (
                "Les **chauffages** d'appoint demandent un mètre d'espace libre",
                "Un chauffage d'appoint a besoin d'espace. Gardez-le à au moins un mètre des "
                "rideaux, des lits et des meubles.",
            ),
            (
                "Éteignez les bougies avant de quitter la pièce ou de dormir",
                "Les bougies sont jolies mais dangereuses. Éteignez-les toujours avant de "
                "quitter la pièce ou de vous coucher.",
            ),
            (
                "**Plan d'évacuation** : deux sorties par pièce et un point de rassemblement",
                "Chaque famille a besoin d'un plan d'évacuation. Convenez de deux sorties par "
                "pièce et d'un point de rassemblement dehors.",
            ),
            (
                "Entraînez-vous de nuit avec toute la famille deux fois par an",
                "Un plan ne marche que si tout le monde le connaît. Entraînez-vous deux fois par "
                "an, dont une fois dans le noir.",
            ),
            (
                "Sortez, ne revenez pas et appelez les pompiers d'un endroit sûr",
                "En cas de feu, sortez et ne revenez pas. Appelez les pompiers une fois dehors, "
                "en sécurité.",
            ),
        ],
        "opening": "Regardons de plus près cette partie de la sécurité incendie.",
        "url_sentence": "Une liste à imprimer se trouve sur "
        "https://www.service-public.fr/particuliers/vosdroits/F19950.",
    },
    "ja": {
        "title": "家庭の火災安全",
        "subtitle": "火災の予防、早期発見、安全な避難",
        "slides": [
            "家庭の火災はなぜ危険なのか",
            "煙感知器、避難計画、そして家族が燃える家から無事に逃げられるかどうかを決める"
            "毎日の習慣",
            "キッチンの火災",
            "電気の安全",
            "ストーブとろうそく",
            "あなたの避難計画",
            "まとめ",
        ],
        "pairs": [
            (
                "**火災安全**：死者の出る火災の多くは、人々が眠っている夜間に起きます",
                "死者の出る住宅火災の多くは夜間に起きます。人々は眠っていて、煙に気づいたときには"
                "手遅れになっています。",
            ),
            (
                "**煙**は炎よりも速く広がり、数分で部屋を満たします",
                "本当に命を奪うのは煙です。炎よりもずっと速く広がり、数分で寝室を満たしてしまい"
                "ます。",
            ),
            (
                "**警報器**：毎月テストボタンを押し、バッテリーは毎年交換しましょう",
                "煙感知器は作動してこそ役に立ちます。毎月テストボタンを押して、バッテリーは毎年"
                "新しいものに交換してください。",
            ),
            (
                "家のすべての階と、寝室の外の廊下に警報器を設置しましょう",
                "家のどの階にも警報器を付けましょう。いちばん大切なのは寝室の外の廊下です。",
            ),
            (
                "**調理中**：熱いフライパンから目を離さず、キッチンを離れないでください",
                "調理は住宅火災の最大の原因です。コンロの火がついている間は、キッチンにいて"
                "ください。",
            ),
            (
                "ふきん、ミトン、紙類はコンロから遠ざけておきましょう",
                "燃えやすいものはすべてコンロから離してください。ふきんや紙は数秒で燃え上がり"
                "ます。",
            ),
            (
                "**天ぷら油の火災**：ふたをして火を止め、決して水をかけないでください",
                "燃えている油に水をかけてはいけません。ふたをかぶせて、コンロの火を止めてくだ"
                "さい。",
            ),
            (
                "コンセントにアダプターや延長コードを差しすぎないでください",
                "差しすぎたコンセントは熱を持ちます。延長コードをつなげて使うのはやめましょう。",
            ),
            (
                "すり切れたケーブル、ひび割れたケーブル、熱いケーブルは交換しましょう",
                "傷んだケーブルは電気火災のよくある原因です。すり切れたり熱を持ったりしている"
                "ケーブルはすぐに交換してください。",
            ),
            (
                "**ストーブ**やヒーターの周りには、いつも一メートルの空間を",
                "ストーブやヒーターには空間が必要です。カーテンやベッド、家具から少なくとも"
                "一メートル離してください。",
            ),
            (
                "部屋を出るときや寝る前には、ろうそくの火を必ず消しましょう",
                "ろうそくはきれいですが危険です。部屋を出るときや寝る前には、必ず火を消して"
                "ください。",
            ),
            (
                "**避難計画**：どの部屋にも二つの出口と、屋外の集合場所を決めておきましょう",
                "どの家族にも避難計画が必要です。各部屋から二つの出口を決め、外に集合場所を"
                "決めておきましょう。",
            ),
            (
                "家族全員で、年に二回、夜間の避難訓練をしましょう",
                "計画は全員が知っていてこそ役に立ちます。年に二回、そのうち一回は暗い中で練習"
                "しましょう。",
            ),
            (
                "すぐに外に出て、戻らず、安全な場所から消防に通報しましょう",
                "火事になったら、すぐに外へ出て、戻らないでください。安全な場所に着いてから"
                "一一九番に通報します。",
            ),
        ],
        "opening": "火災安全のこの部分を詳しく見てみましょう。",
        "url_sentence": "印刷できるチェックリストは "
        "https://www.fdma.go.jp/publication/ にあります。",
    },
    "ko": {
        "title": "가정 화재 안전",
        "subtitle": "화재 예방, 조기 발견, 안전한 대피",
        "slides": [
            "가정 화재가 위험한 이유",
            "연기 감지기, 대피 계획, 그리고 가족이 불타는 집에서 무사히 빠져나올 수 있는지를 "
            "결정하는 일상의 습관",
            "주방 화재",
            "전기 안전",
            "난방기와 양초",
            "우리 집 대피 계획",
            "요약",
        ],
        "pairs": [
            (
                "**화재 안전**: 인명 피해가 나는 화재는 대부분 사람들이 잠든 밤에 일어납니다",
                "인명 피해가 나는 주택 화재는 대부분 밤에 일어납니다. 사람들은 잠들어 있어서 "
                "연기를 너무 늦게 알아차립니다.",
            ),
            (
                "**연기**는 불길보다 빨리 퍼지고, 몇 분 만에 방을 가득 채웁니다",
                "진짜 위험한 것은 연기입니다. 연기는 불길보다 훨씬 빨리 퍼져서, 몇 분 만에 "
                "침실을 가득 채울 수 있습니다.",
            ),
            (
                "**감지기**: 한 달에 한 번 시험하고, 배터리는 해마다 교체하세요",
                "연기 감지기는 작동할 때만 도움이 됩니다. 한 달에 한 번 시험 버튼을 누르고, "
                "배터리는 해마다 새것으로 바꾸세요.",
            ),
            (
                "집의 모든 층과 침실 바깥 복도에 감지기를 설치하세요",
                "집의 모든 층에 감지기를 다세요. 가장 중요한 곳은 침실 바깥의 복도입니다.",
            ),
            (
                "**요리 중**: 뜨거운 팬을 잠시라도 두고 자리를 비우지 마세요",
                "요리는 주택 화재의 가장 큰 원인입니다. 가스레인지가 켜져 있는 동안에는 주방을 "
                "떠나지 마세요.",
            ),
            (
                "행주, 오븐 장갑, 종이는 가스레인지에서 멀리 두세요",
                "탈 수 있는 것은 모두 가스레인지에서 멀리 두세요. 행주와 종이는 몇 초 만에 "
                "불이 붙습니다.",
            ),
            (
                "**기름 화재**: 뚜껑을 덮고 불을 끄세요. 절대 물을 붓지 마세요",
                "불붙은 기름에 물을 부으면 안 됩니다. 뚜껑을 덮고, 불을 끄세요.",
            ),
            (
                "멀티탭과 연장선으로 콘센트를 과부하하지 마세요",
                "과부하된 콘센트는 뜨거워집니다. 연장선을 여러 개 이어서 쓰지 마세요.",
            ),
            (
                "닳거나, 갈라지거나, 만졌을 때 뜨거운 전선은 교체하세요",
                "손상된 전선은 전기 화재의 흔한 원인입니다. 닳거나 갈라지거나 뜨거운 전선은 "
                "바로 교체하세요.",
            ),
            (
                "**난방기** 주위에는 항상 1미터의 빈 공간을 두세요",
                "이동식 난방기에는 공간이 필요합니다. 커튼, 침대, 가구에서 적어도 1미터 "
                "떨어뜨려 두세요.",
            ),
            (
                "방을 나가거나 잠들기 전에는 촛불을 반드시 끄세요",
                "양초는 아름답지만 위험합니다. 방을 나가거나 잠자리에 들기 전에는 꼭 끄세요.",
            ),
            (
                "**대피 계획**: 방마다 출구 두 곳과 바깥의 집결 장소를 정하세요",
                "모든 가족에게 대피 계획이 필요합니다. 방마다 출구 두 곳을 정하고, 바깥에 "
                "집결 장소를 정하세요.",
            ),
            (
                "온 가족이 1년에 두 번, 밤에 대피 훈련을 하세요",
                "계획은 모두가 알고 있어야 효과가 있습니다. 1년에 두 번, 한 번은 어두울 때 "
                "연습하세요.",
            ),
            (
                "밖으로 나가서 다시 들어가지 말고, 안전한 곳에서 119에 신고하세요",
                "불이 나면 밖으로 나가고, 다시 들어가지 마세요. 안전한 곳에 도착한 뒤에 "
                "119에 신고하세요.",
            ),
        ],
        "opening": "화재 안전의 이 부분을 자세히 살펴보겠습니다.",
        "url_sentence": "인쇄용 점검표는 "
        "https://www.nfa.go.kr/nfa/safetyinfo/ 에서 받을 수 있습니다.",
    },
}
