"""Builds data/generic_powertrain.csv, the portal's pack of common generic powertrain codes.

The codes and what they stand for are facts of SAE J2012 / ISO 15031-6 (e.g. P0301 is a
misfire of cylinder 1, P0420 a catalyst below its efficiency threshold on bank 1); the texts
here are the portal's own words, written from the structure of the standard: a component and
its failure kind, per bank, sensor or cylinder. Emission and MIL relevance are the usual OBD
classification; a manufacturer's pack may say otherwise for its brand.

    .venv/bin/python -m aftersales.faultcodes.data.build_generic_pack   # rewrites the CSV

tests/faultcodes/test_generic_pack.py checks that the shipped CSV is what this builds.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

OUT = Path(__file__).resolve().parent / "generic_powertrain.csv"
HEADER = (
    "code",
    "description_en",
    "description_da",
    "description_de",
    "emission_relevant",
    "mil_relevant",
    "possible_causes_en",
    "possible_causes_da",
    "possible_causes_de",
)

Row = tuple[str, str, str, str, bool, bool, str, str, str]

# --- Possible causes, per family (English | Danish | German) --------------------------------------------

WIRING = (
    "Wiring or connector damaged or corroded",
    "Ledningsnet eller stik beskadiget eller korroderet",
    "Kabelbaum oder Stecker beschädigt oder korrodiert",
)
SENSOR = ("Sensor faulty", "Sensor defekt", "Sensor defekt")
ECU = (
    "Engine control unit faulty (rare)",
    "Motorstyreenhed defekt (sjældent)",
    "Motorsteuergerät defekt (selten)",
)
SHORT_GROUND = (
    "Short to ground in the signal line",
    "Kortslutning til stel i signalledningen",
    "Kurzschluss nach Masse in der Signalleitung",
)
SHORT_PLUS = (
    "Short to supply voltage or open signal line",
    "Kortslutning til forsyningsspænding eller afbrudt signalledning",
    "Kurzschluss nach Versorgungsspannung oder Unterbrechung der Signalleitung",
)


Texts = tuple[str, str, str]  # English, Danish, German


def causes(*triples: Texts) -> Texts:
    return (
        " | ".join(t[0] for t in triples),
        " | ".join(t[1] for t in triples),
        " | ".join(t[2] for t in triples),
    )


CIRCUIT = causes(WIRING, SENSOR, ECU)
CIRCUIT_LOW = causes(SHORT_GROUND, WIRING, SENSOR)
CIRCUIT_HIGH = causes(SHORT_PLUS, WIRING, SENSOR)
ACTUATOR = causes(
    (
        "Actuator or solenoid valve faulty",
        "Aktuator eller magnetventil defekt",
        "Stellglied oder Magnetventil defekt",
    ),
    WIRING,
    (
        "Fuse or relay of the supply faulty",
        "Sikring eller relæ i forsyningen defekt",
        "Sicherung oder Relais der Spannungsversorgung defekt",
    ),
)
CAM_TIMING = causes(
    (
        "Engine oil level low or wrong oil grade",
        "Motoroliestand for lav eller forkert oliekvalitet",
        "Motorölstand zu niedrig oder falsche Ölsorte",
    ),
    (
        "Camshaft adjuster (e.g. VANOS) solenoid sticking or dirty",
        "Magnetventil til knastakseljustering (f.eks. VANOS) sidder fast eller er snavset",
        "Magnetventil des Nockenwellenverstellers (z. B. VANOS) klemmt oder verschmutzt",
    ),
    (
        "Timing chain stretched or timing set wrong",
        "Kamkæde strakt eller forkert indstillet styretid",
        "Steuerkette gelängt oder Steuerzeiten falsch eingestellt",
    ),
)
CRANK_CAM = causes(
    (
        "Timing chain or belt stretched or jumped a tooth",
        "Kamkæde eller tandrem strakt eller sprunget en tand",
        "Steuerkette oder Zahnriemen gelängt oder um einen Zahn übergesprungen",
    ),
    (
        "Camshaft or crankshaft sensor faulty",
        "Knastaksel- eller krumtapakselsensor defekt",
        "Nockenwellen- oder Kurbelwellensensor defekt",
    ),
    ("Sensor wheel damaged", "Impulshjul beskadiget", "Geberrad beschädigt"),
)
MAF = causes(
    (
        "Air leak between the air flow sensor and the throttle",
        "Falsk luft mellem luftmassemåler og gasspjæld",
        "Falschluft zwischen Luftmassenmesser und Drosselklappe",
    ),
    (
        "Air flow sensor dirty or faulty",
        "Luftmassemåler snavset eller defekt",
        "Luftmassenmesser verschmutzt oder defekt",
    ),
    ("Air filter clogged", "Luftfilter tilstoppet", "Luftfilter verstopft"),
    WIRING,
)
MAP = causes(
    (
        "Vacuum hose to the pressure sensor leaking or blocked",
        "Vakuumslange til tryksensoren utæt eller tilstoppet",
        "Unterdruckschlauch zum Drucksensor undicht oder verstopft",
    ),
    SENSOR,
    WIRING,
)
TEMPERATURE = causes(SENSOR, WIRING, ("Connector loose", "Stik løst", "Stecker lose"))
COOLANT_WARMUP = causes(
    (
        "Thermostat stuck open",
        "Termostat hænger i åben stilling",
        "Thermostat klemmt in geöffneter Stellung",
    ),
    ("Coolant level low", "Kølervæskestand for lav", "Kühlmittelstand zu niedrig"),
    (
        "Coolant temperature sensor faulty",
        "Kølervæsketemperatursensor defekt",
        "Kühlmitteltemperatursensor defekt",
    ),
)
THROTTLE = causes(
    (
        "Throttle body or pedal sensor faulty",
        "Gasspjældhus eller pedalsensor defekt",
        "Drosselklappensteller oder Pedalwertgeber defekt",
    ),
    ("Throttle body dirty", "Gasspjældhus snavset", "Drosselklappensteller verschmutzt"),
    WIRING,
)
O2_CIRCUIT = causes(
    ("Oxygen sensor faulty", "Lambdasonde defekt", "Lambdasonde defekt"),
    WIRING,
    (
        "Exhaust leak before the sensor",
        "Udstødningslækage før sonden",
        "Undichtigkeit der Abgasanlage vor der Sonde",
    ),
)
O2_SLOW = causes(
    (
        "Oxygen sensor aged or contaminated (oil, coolant, silicone)",
        "Lambdasonde ældet eller forurenet (olie, kølervæske, silikone)",
        "Lambdasonde gealtert oder verunreinigt (Öl, Kühlmittel, Silikon)",
    ),
    (
        "Exhaust leak before the sensor",
        "Udstødningslækage før sonden",
        "Undichtigkeit der Abgasanlage vor der Sonde",
    ),
    (
        "Engine running rich or lean",
        "Motoren kører for fed eller for mager",
        "Motor läuft zu fett oder zu mager",
    ),
)
O2_HEATER = causes(
    (
        "Heater element of the oxygen sensor burnt out",
        "Varmelegeme i lambdasonden brændt over",
        "Heizelement der Lambdasonde durchgebrannt",
    ),
    (
        "Fuse or relay of the heater supply faulty",
        "Sikring eller relæ i forsyningen til varmelegemet defekt",
        "Sicherung oder Relais der Heizungsversorgung defekt",
    ),
    WIRING,
)
LEAN = causes(
    (
        "Intake air leak (hoses, gaskets, crankcase ventilation)",
        "Falsk luft i indsugningen (slanger, pakninger, krumtaphusudluftning)",
        "Falschluft im Ansaugtrakt (Schläuche, Dichtungen, Kurbelgehäuseentlüftung)",
    ),
    (
        "Fuel pressure too low (pump, filter, regulator)",
        "Brændstoftryk for lavt (pumpe, filter, regulator)",
        "Kraftstoffdruck zu niedrig (Pumpe, Filter, Regler)",
    ),
    (
        "Air flow sensor reading too low",
        "Luftmassemåler måler for lidt",
        "Luftmassenmesser misst zu wenig",
    ),
    ("Injectors clogged", "Indsprøjtningsventiler tilstoppede", "Einspritzventile verstopft"),
)
RICH = causes(
    (
        "Injector leaking or sticking open",
        "Indsprøjtningsventil utæt eller hænger åben",
        "Einspritzventil undicht oder klemmt offen",
    ),
    ("Fuel pressure too high", "Brændstoftryk for højt", "Kraftstoffdruck zu hoch"),
    (
        "Purge valve stuck open",
        "Tankudluftningsventil hænger åben",
        "Tankentlüftungsventil klemmt offen",
    ),
    (
        "Air flow sensor reading too high",
        "Luftmassemåler måler for meget",
        "Luftmassenmesser misst zu viel",
    ),
)
FUEL_TRIM = causes(
    (
        "Mixture deviation outside the adaptation limits",
        "Blandingsafvigelse uden for tilpasningsgrænserne",
        "Gemischabweichung außerhalb der Adaptionsgrenzen",
    ),
    (
        "Intake air leak or fuel pressure fault",
        "Falsk luft eller fejl i brændstoftrykket",
        "Falschluft oder Fehler im Kraftstoffdruck",
    ),
    ("Oxygen sensor faulty", "Lambdasonde defekt", "Lambdasonde defekt"),
)
FUEL_PRESSURE = causes(
    (
        "Fuel pump weak or faulty",
        "Brændstofpumpe svag eller defekt",
        "Kraftstoffpumpe schwach oder defekt",
    ),
    ("Fuel filter clogged", "Brændstoffilter tilstoppet", "Kraftstofffilter verstopft"),
    (
        "Pressure regulator or pressure sensor faulty",
        "Trykregulator eller tryksensor defekt",
        "Druckregler oder Drucksensor defekt",
    ),
)
INJECTOR = causes(
    (
        "Injector coil faulty",
        "Spole i indsprøjtningsventilen defekt",
        "Spule des Einspritzventils defekt",
    ),
    WIRING,
    (
        "Injector output stage of the control unit faulty",
        "Udgangstrin til indsprøjtningsventilen i styreenheden defekt",
        "Endstufe für das Einspritzventil im Steuergerät defekt",
    ),
)
INJECTOR_BALANCE = causes(
    (
        "Injector partly clogged or leaking",
        "Indsprøjtningsventil delvist tilstoppet eller utæt",
        "Einspritzventil teilweise verstopft oder undicht",
    ),
    (
        "Low compression on this cylinder",
        "Lav kompression på denne cylinder",
        "Zu geringe Kompression in diesem Zylinder",
    ),
    WIRING,
)
OVERHEAT = causes(
    (
        "Coolant level low or leak",
        "Kølervæskestand for lav eller lækage",
        "Kühlmittelstand zu niedrig oder Undichtigkeit",
    ),
    (
        "Thermostat, water pump or cooling fan faulty",
        "Termostat, vandpumpe eller køleventilator defekt",
        "Thermostat, Wasserpumpe oder Kühlerlüfter defekt",
    ),
    ("Radiator clogged", "Køler tilstoppet", "Kühler verstopft"),
)
BOOST_HIGH = causes(
    (
        "Wastegate or its actuator sticking closed",
        "Wastegate eller dens aktuator hænger lukket",
        "Wastegate oder deren Stellglied klemmt geschlossen",
    ),
    ("Boost pressure sensor faulty", "Ladetryksensor defekt", "Ladedrucksensor defekt"),
    (
        "Vacuum or control line to the actuator faulty",
        "Vakuum- eller styreledning til aktuatoren defekt",
        "Unterdruck- oder Steuerleitung zum Stellglied defekt",
    ),
)
BOOST_LOW = causes(
    (
        "Leak in the charge air path (hoses, intercooler)",
        "Utæthed i ladeluftsystemet (slanger, intercooler)",
        "Undichtigkeit im Ladeluftsystem (Schläuche, Ladeluftkühler)",
    ),
    (
        "Wastegate sticking open or actuator faulty",
        "Wastegate hænger åben eller aktuator defekt",
        "Wastegate klemmt offen oder Stellglied defekt",
    ),
    ("Turbocharger worn", "Turbolader slidt", "Turbolader verschlissen"),
)
MISFIRE = causes(
    (
        "Spark plug worn or fouled",
        "Tændrør slidt eller tilsodet",
        "Zündkerze verschlissen oder verrußt",
    ),
    ("Ignition coil faulty", "Tændspole defekt", "Zündspule defekt"),
    (
        "Injector faulty or clogged",
        "Indsprøjtningsventil defekt eller tilstoppet",
        "Einspritzventil defekt oder verstopft",
    ),
    (
        "Low compression (valves, piston rings, head gasket)",
        "Lav kompression (ventiler, stempelringe, topstykkepakning)",
        "Zu geringe Kompression (Ventile, Kolbenringe, Zylinderkopfdichtung)",
    ),
    ("Intake air leak", "Falsk luft i indsugningen", "Falschluft im Ansaugtrakt"),
)
MISFIRE_RANDOM = causes(
    (
        "Several spark plugs or coils worn",
        "Flere tændrør eller tændspoler slidte",
        "Mehrere Zündkerzen oder Zündspulen verschlissen",
    ),
    ("Fuel pressure too low", "Brændstoftryk for lavt", "Kraftstoffdruck zu niedrig"),
    ("Large intake air leak", "Stor falsk luft i indsugningen", "Viel Falschluft im Ansaugtrakt"),
    ("Poor fuel quality", "Dårlig brændstofkvalitet", "Schlechte Kraftstoffqualität"),
)
LOW_FUEL = causes(
    ("Tank run nearly empty", "Tanken kørt næsten tom", "Tank fast leer gefahren"),
    ("Fuel level sensor faulty", "Brændstofniveausensor defekt", "Kraftstoffstandsensor defekt"),
)
KNOCK = causes(
    (
        "Knock sensor faulty or not tightened to torque",
        "Bankesensor defekt eller ikke spændt til korrekt moment",
        "Klopfsensor defekt oder nicht mit dem vorgeschriebenen Drehmoment angezogen",
    ),
    WIRING,
    (
        "Poor fuel quality (octane too low)",
        "Dårlig brændstofkvalitet (for lavt oktantal)",
        "Schlechte Kraftstoffqualität (Oktanzahl zu niedrig)",
    ),
)
POSITION_SENSOR = causes(
    SENSOR,
    (
        "Sensor wheel damaged or dirty",
        "Impulshjul beskadiget eller snavset",
        "Geberrad beschädigt oder verschmutzt",
    ),
    (
        "Air gap to the sensor wrong",
        "Forkert luftspalte til sensoren",
        "Luftspalt zum Sensor falsch",
    ),
    WIRING,
)
COIL = causes(
    ("Ignition coil faulty", "Tændspole defekt", "Zündspule defekt"),
    WIRING,
    (
        "Ignition output stage of the control unit faulty",
        "Tændingsudgangstrin i styreenheden defekt",
        "Zündungsendstufe im Steuergerät defekt",
    ),
)
EGR_FLOW = causes(
    (
        "EGR valve sticking or carbon-clogged",
        "EGR-ventil hænger eller er tilsodet",
        "AGR-Ventil klemmt oder verkokt",
    ),
    (
        "EGR passages or cooler clogged",
        "EGR-kanaler eller -køler tilstoppet",
        "AGR-Kanäle oder AGR-Kühler verstopft",
    ),
    (
        "EGR valve position sensor faulty",
        "Positionssensor i EGR-ventilen defekt",
        "Positionssensor des AGR-Ventils defekt",
    ),
)
SECONDARY_AIR = causes(
    ("Secondary air pump faulty", "Sekundærluftpumpe defekt", "Sekundärluftpumpe defekt"),
    (
        "Check valve or combination valve faulty",
        "Kontraventil eller kombinationsventil defekt",
        "Rückschlagventil oder Kombiventil defekt",
    ),
    (
        "Hoses leaking or blocked",
        "Slanger utætte eller tilstoppede",
        "Schläuche undicht oder verstopft",
    ),
)
SECONDARY_AIR_CIRCUIT = causes(
    (
        "Switching valve or relay faulty",
        "Omskifterventil eller relæ defekt",
        "Umschaltventil oder Relais defekt",
    ),
    WIRING,
    (
        "Fuse of the pump supply faulty",
        "Sikring i pumpens forsyning defekt",
        "Sicherung der Pumpenversorgung defekt",
    ),
)
CATALYST = causes(
    (
        "Catalytic converter aged or damaged",
        "Katalysator ældet eller beskadiget",
        "Katalysator gealtert oder beschädigt",
    ),
    (
        "Exhaust leak near the oxygen sensors",
        "Udstødningslækage ved lambdasonderne",
        "Undichtigkeit der Abgasanlage im Bereich der Lambdasonden",
    ),
    (
        "Downstream oxygen sensor faulty",
        "Lambdasonde efter katalysatoren defekt",
        "Lambdasonde nach Katalysator defekt",
    ),
    (
        "Earlier misfires or high oil consumption damaged the catalyst",
        "Tidligere fejltændinger eller højt olieforbrug har skadet katalysatoren",
        "Frühere Zündaussetzer oder hoher Ölverbrauch haben den Katalysator geschädigt",
    ),
)
EVAP_LEAK = causes(
    (
        "Fuel filler cap loose, missing or its seal worn",
        "Tankdæksel løst, mangler eller pakning slidt",
        "Tankdeckel lose, fehlt oder Dichtung verschlissen",
    ),
    (
        "Leak in EVAP hoses or the charcoal canister",
        "Utæthed i fordampningsslanger eller kulfilter",
        "Undichtigkeit in den Schläuchen der Tankentlüftung oder im Aktivkohlebehälter",
    ),
    (
        "Purge or vent valve not closing",
        "Tankudluftnings- eller ventilationsventil lukker ikke",
        "Tankentlüftungs- oder Belüftungsventil schließt nicht",
    ),
)
EVAP_VALVE = causes(
    (
        "Purge or vent valve faulty",
        "Tankudluftnings- eller ventilationsventil defekt",
        "Tankentlüftungs- oder Belüftungsventil defekt",
    ),
    WIRING,
    (
        "Hoses to the valve blocked or disconnected",
        "Slanger til ventilen tilstoppede eller løse",
        "Schläuche zum Ventil verstopft oder abgezogen",
    ),
)
EVAP_SENSOR = causes(
    ("Tank pressure sensor faulty", "Tanktryksensor defekt", "Tankdrucksensor defekt"),
    WIRING,
)
FUEL_LEVEL = causes(
    (
        "Fuel level sender (float) faulty or sticking",
        "Brændstofniveaugiver (svømmer) defekt eller hænger",
        "Tankgeber (Schwimmer) defekt oder klemmt",
    ),
    WIRING,
)
FAN = causes(
    (
        "Cooling fan motor or its control unit faulty",
        "Køleventilatormotor eller dens styreenhed defekt",
        "Kühlerlüftermotor oder dessen Steuergerät defekt",
    ),
    ("Relay or fuse faulty", "Relæ eller sikring defekt", "Relais oder Sicherung defekt"),
    WIRING,
)
SPEED = causes(
    (
        "Wheel speed or output shaft speed sensor faulty",
        "Hjulhastigheds- eller udgangsakselsensor defekt",
        "Raddrehzahl- oder Abtriebsdrehzahlsensor defekt",
    ),
    WIRING,
    (
        "Missing speed signal on the data bus",
        "Hastighedssignal mangler på databussen",
        "Geschwindigkeitssignal fehlt auf dem Datenbus",
    ),
)
IDLE = causes(
    (
        "Throttle body or idle air valve dirty",
        "Gasspjældhus eller tomgangsluftventil snavset",
        "Drosselklappe oder Leerlaufluftventil verschmutzt",
    ),
    ("Intake air leak", "Falsk luft i indsugningen", "Falschluft im Ansaugtrakt"),
    (
        "Idle control adaptation values lost",
        "Tilpasningsværdier for tomgangsregulering tabt",
        "Anlernwerte der Leerlaufregelung verloren",
    ),
)
VOLTAGE = causes(
    (
        "Battery weak or charging system faulty",
        "Batteri svagt eller ladesystem defekt",
        "Batterie schwach oder Ladesystem defekt",
    ),
    (
        "Poor ground or battery terminal connection",
        "Dårlig stelforbindelse eller polsko",
        "Schlechte Masseverbindung oder Polklemme",
    ),
    ("Alternator regulator faulty", "Generatorregulator defekt", "Generatorregler defekt"),
)
CONTROL_UNIT = causes(
    (
        "Control unit software needs an update or reprogramming",
        "Styreenhedens software skal opdateres eller programmeres",
        "Software des Steuergeräts muss aktualisiert oder neu programmiert werden",
    ),
    (
        "Supply voltage dropped during operation",
        "Forsyningsspændingen faldt under drift",
        "Versorgungsspannung im Betrieb eingebrochen",
    ),
    ("Control unit faulty", "Styreenhed defekt", "Steuergerät defekt"),
)
TRANSMISSION = causes(
    (
        "Transmission fluid level low or fluid aged",
        "Gearolieniveau for lavt eller gearolie ældet",
        "Getriebeölstand zu niedrig oder Getriebeöl gealtert",
    ),
    (
        "Shift solenoid or valve body faulty",
        "Skiftemagnetventil eller ventilhus defekt",
        "Schaltmagnetventil oder Schieberkasten defekt",
    ),
    (
        "Transmission control unit reports an internal fault",
        "Gearkassens styreenhed melder en intern fejl",
        "Getriebesteuergerät meldet einen internen Fehler",
    ),
)
TRANSMISSION_SENSOR = causes(
    SENSOR,
    WIRING,
    (
        "Transmission control unit faulty (rare)",
        "Gearkassens styreenhed defekt (sjældent)",
        "Getriebesteuergerät defekt (selten)",
    ),
)
HYBRID_BATTERY = causes(
    (
        "High-voltage battery cells aged or unbalanced",
        "Højvoltsbatteriets celler ældede eller i ubalance",
        "Zellen der Hochvoltbatterie gealtert oder nicht ausgeglichen",
    ),
    (
        "Battery cooling blocked (fan, filter, ducts)",
        "Batterikøling blokeret (ventilator, filter, kanaler)",
        "Batteriekühlung blockiert (Lüfter, Filter, Kanäle)",
    ),
)

# --- Failure kinds of a sensor circuit ----------------------------------------------------------

FIVE_KINDS = (
    ("circuit fault", "fejl i kredsløbet", "Fehler im Stromkreis", CIRCUIT),
    (
        "signal outside its range or implausible",
        "signal uden for måleområdet eller usandsynligt",
        "Signal außerhalb des Messbereichs oder unplausibel",
        CIRCUIT,
    ),
    ("signal too low", "signal for lavt", "Signal zu niedrig", CIRCUIT_LOW),
    ("signal too high", "signal for højt", "Signal zu hoch", CIRCUIT_HIGH),
    ("signal intermittent", "signal falder periodisk ud", "Signal setzt zeitweise aus", CIRCUIT),
)
THREE_KINDS = (
    ("control circuit fault", "fejl i styrekredsløbet", "Fehler im Ansteuerkreis", ACTUATOR),
    (
        "control circuit voltage too low",
        "spænding i styrekredsløbet for lav",
        "Spannung im Ansteuerkreis zu niedrig",
        ACTUATOR,
    ),
    (
        "control circuit voltage too high",
        "spænding i styrekredsløbet for høj",
        "Spannung im Ansteuerkreis zu hoch",
        ACTUATOR,
    ),
)

BANKS_DA = {1: "bank 1", 2: "bank 2"}


def code(number: int | str) -> str:
    """P0 codes are numbered as decimal digits (P0136 + 4 = P0140); a code with a
    hexadecimal character (P0A80) is given as text."""
    return number if isinstance(number, str) else f"P{number:04d}"


def row(
    number: int | str,
    en: str,
    da: str,
    de: str,
    found: Texts,
    *,
    emission: bool = True,
    mil: bool = True,
) -> Row:
    return (code(number), en, da, de, emission, mil, found[0], found[1], found[2])


def five(
    start: int,
    en: str,
    da: str,
    de: str,
    override: Texts | None = None,
    *,
    implausible: Texts | None = None,
) -> Iterator[Row]:
    """A sensor with the five usual failure kinds, numbered from `start`; `implausible` gives
    the causes of the second kind (a signal in range but not fitting the engine's state)."""
    for offset, (kind_en, kind_da, kind_de, found) in enumerate(FIVE_KINDS):
        if offset == 1 and implausible:
            found = implausible
        yield row(
            start + offset,
            f"{en}: {kind_en}",
            f"{da}: {kind_da}",
            f"{de}: {kind_de}",
            override or found,
        )


def rows() -> Iterator[Row]:  # noqa: C901 - one family after the other, in code order
    # P0010-P0025: camshaft adjustment ("A" = intake, "B" = exhaust by convention)
    for bank, base in ((1, 10), (2, 20)):
        for cam, first in (("A", 0), ("B", 3)):
            adjuster_en = f'Camshaft adjuster "{cam}" (bank {bank})'
            adjuster_da = f'Knastakseljustering "{cam}" ({BANKS_DA[bank]})'
            adjuster_de = f'Nockenwellenversteller "{cam}" (Bank {bank})'
            yield row(
                base + first,
                f"{adjuster_en}: control circuit fault",
                f"{adjuster_da}: fejl i styrekredsløbet",
                f"{adjuster_de}: Fehler im Ansteuerkreis",
                ACTUATOR,
            )
            yield row(
                base + first + 1,
                f"{adjuster_en}: timing too far advanced or system performance",
                f"{adjuster_da}: styretid for tidlig eller systemets ydeevne",
                f"{adjuster_de}: Steuerzeit zu weit nach früh oder Systemleistung",
                CAM_TIMING,
            )
            yield row(
                base + first + 2,
                f"{adjuster_en}: timing too far retarded",
                f"{adjuster_da}: styretid for sen",
                f"{adjuster_de}: Steuerzeit zu weit nach spät",
                CAM_TIMING,
            )
        if bank == 1:
            for number, bank_no, which in (
                (16, 1, "A"),
                (17, 1, "B"),
                (18, 2, "A"),
                (19, 2, "B"),
            ):
                yield row(
                    number,
                    f"Crankshaft and camshaft position do not agree (bank {bank_no}, sensor {which})",
                    f"Krumtapakslens og knastakslens position stemmer ikke overens ({BANKS_DA[bank_no]}, sensor {which})",
                    f"Position von Kurbelwelle und Nockenwelle stimmt nicht überein (Bank {bank_no}, Sensor {which})",
                    CRANK_CAM,
                )
    # P0030-P0064: heater control of the oxygen sensors
    for start, bank, sensor in (
        (30, 1, 1),
        (36, 1, 2),
        (42, 1, 3),
        (50, 2, 1),
        (56, 2, 2),
        (62, 2, 3),
    ):
        for offset, (kind_en, kind_da, kind_de) in enumerate(
            (
                (
                    "heater control circuit fault",
                    "fejl i varmelegemets styrekredsløb",
                    "Fehler im Ansteuerkreis der Heizung",
                ),
                (
                    "heater control circuit voltage too low",
                    "spænding i varmelegemets styrekredsløb for lav",
                    "Spannung im Ansteuerkreis der Heizung zu niedrig",
                ),
                (
                    "heater control circuit voltage too high",
                    "spænding i varmelegemets styrekredsløb for høj",
                    "Spannung im Ansteuerkreis der Heizung zu hoch",
                ),
            )
        ):
            yield row(
                start + offset,
                f"Oxygen sensor (bank {bank}, sensor {sensor}): {kind_en}",
                f"Lambdasonde ({BANKS_DA[bank]}, sonde {sensor}): {kind_da}",
                f"Lambdasonde (Bank {bank}, Sonde {sensor}): {kind_de}",
                O2_HEATER,
            )
        if start == 30:
            for offset, (kind_en, kind_da, kind_de, found) in enumerate(THREE_KINDS):
                yield row(
                    33 + offset,
                    f"Turbocharger bypass valve: {kind_en}",
                    f"Turboladerens bypassventil: {kind_da}",
                    f"Schubumluftventil des Turboladers: {kind_de}",
                    found,
                )
    yield row(
        68,
        "Manifold pressure or air mass does not agree with the throttle position",
        "Manifoldtryk eller luftmasse stemmer ikke overens med gasspjældets position",
        "Saugrohrdruck oder Luftmasse stimmt nicht mit der Drosselklappenstellung überein",
        MAF,
    )
    yield row(
        69,
        "Manifold pressure does not agree with the barometric pressure",
        "Manifoldtrykket stemmer ikke overens med det barometriske tryk",
        "Saugrohrdruck stimmt nicht mit dem Umgebungsdruck überein",
        MAP,
    )
    yield from five(
        70,
        "Ambient air temperature sensor",
        "Udetemperatursensor",
        "Außentemperatursensor",
        TEMPERATURE,
    )
    yield row(
        87,
        "Fuel rail or system pressure too low",
        "Tryk i brændstoframpe eller -system for lavt",
        "Druck im Kraftstoffverteiler oder -system zu niedrig",
        FUEL_PRESSURE,
    )
    yield row(
        88,
        "Fuel rail or system pressure too high",
        "Tryk i brændstoframpe eller -system for højt",
        "Druck im Kraftstoffverteiler oder -system zu hoch",
        FUEL_PRESSURE,
    )
    yield row(
        89,
        "Fuel pressure regulator 1: performance",
        "Brændstoftrykregulator 1: ydeevne",
        "Kraftstoffdruckregler 1: Funktion",
        FUEL_PRESSURE,
    )
    # P0100-P0128: air, temperatures, throttle
    yield from five(
        100, "Mass air flow sensor", "Luftmassemåler", "Luftmassenmesser", implausible=MAF
    )
    yield from five(
        105,
        "Manifold absolute or barometric pressure sensor",
        "Sensor for absolut manifoldtryk eller barometertryk",
        "Saugrohrdruck- oder Umgebungsdrucksensor",
        implausible=MAP,
    )
    yield from five(
        110,
        "Intake air temperature sensor 1 (bank 1)",
        "Indsugningslufttemperatursensor 1 (bank 1)",
        "Ansauglufttemperatursensor 1 (Bank 1)",
        TEMPERATURE,
    )
    yield from five(
        115,
        "Engine coolant temperature sensor 1",
        "Kølervæsketemperatursensor 1",
        "Kühlmitteltemperatursensor 1",
        TEMPERATURE,
    )
    yield from five(
        120,
        'Throttle or pedal position sensor "A"',
        'Gasspjæld- eller pedalpositionssensor "A"',
        'Drosselklappen- oder Pedalwertgeber "A"',
        THROTTLE,
    )
    yield row(
        125,
        "Coolant too cold for closed-loop fuel control",
        "Kølervæsken for kold til lambdaregulering",
        "Kühlmittel zu kalt für die Lambdaregelung",
        COOLANT_WARMUP,
    )
    yield row(
        126,
        "Coolant too cold for stable operation",
        "Kølervæsken for kold til stabil drift",
        "Kühlmittel zu kalt für stabilen Betrieb",
        COOLANT_WARMUP,
    )
    yield row(
        128,
        "Coolant temperature stays below the thermostat's regulating temperature",
        "Kølervæsketemperaturen bliver under termostatens reguleringstemperatur",
        "Kühlmitteltemperatur bleibt unter der Regeltemperatur des Thermostats",
        COOLANT_WARMUP,
    )
    # P0130-P0167: oxygen sensors, six failure kinds per bank and sensor
    o2_kinds = (
        ("circuit fault", "fejl i kredsløbet", "Fehler im Stromkreis", O2_CIRCUIT),
        ("voltage too low", "spænding for lav", "Spannung zu niedrig", O2_CIRCUIT),
        ("voltage too high", "spænding for høj", "Spannung zu hoch", O2_CIRCUIT),
        ("responds too slowly", "reagerer for langsomt", "reagiert zu langsam", O2_SLOW),
        ("no activity", "ingen aktivitet", "keine Aktivität", O2_CIRCUIT),
        (
            "heater circuit fault",
            "fejl i varmelegemets kredsløb",
            "Fehler im Heizstromkreis",
            O2_HEATER,
        ),
    )
    for start, bank, sensor in (
        (130, 1, 1),
        (136, 1, 2),
        (142, 1, 3),
        (150, 2, 1),
        (156, 2, 2),
        (162, 2, 3),
    ):
        for offset, (kind_en, kind_da, kind_de, found) in enumerate(o2_kinds):
            yield row(
                start + offset,
                f"Oxygen sensor (bank {bank}, sensor {sensor}): {kind_en}",
                f"Lambdasonde ({BANKS_DA[bank]}, sonde {sensor}): {kind_da}",
                f"Lambdasonde (Bank {bank}, Sonde {sensor}): {kind_de}",
                found,
            )
    # P0170-P0175: fuel trim
    for start, bank in ((170, 1), (173, 2)):
        yield row(
            start,
            f"Fuel trim (bank {bank}): fault",
            f"Blandingstilpasning ({BANKS_DA[bank]}): fejl",
            f"Gemischadaption (Bank {bank}): Fehler",
            FUEL_TRIM,
        )
        yield row(
            start + 1,
            f"Mixture too lean (bank {bank})",
            f"Blandingen for mager ({BANKS_DA[bank]})",
            f"Gemisch zu mager (Bank {bank})",
            LEAN,
        )
        yield row(
            start + 2,
            f"Mixture too rich (bank {bank})",
            f"Blandingen for fed ({BANKS_DA[bank]})",
            f"Gemisch zu fett (Bank {bank})",
            RICH,
        )
    yield from five(
        180,
        'Fuel temperature sensor "A"',
        'Brændstoftemperatursensor "A"',
        'Kraftstofftemperatursensor "A"',
        TEMPERATURE,
    )
    yield from five(
        190,
        "Fuel rail pressure sensor",
        "Tryksensor i brændstoframpen",
        "Drucksensor im Kraftstoffverteiler",
        implausible=FUEL_PRESSURE,
    )
    # P0200-P0212: injector circuits
    yield row(
        200,
        "Injector circuit: fault or open",
        "Indsprøjtningsventilernes kredsløb: fejl eller afbrudt",
        "Stromkreis der Einspritzventile: Fehler oder Unterbrechung",
        INJECTOR,
    )
    for cylinder in range(1, 13):
        yield row(
            200 + cylinder,
            f"Injector of cylinder {cylinder}: circuit fault or open",
            f"Indsprøjtningsventil cylinder {cylinder}: fejl i kredsløbet eller afbrudt",
            f"Einspritzventil Zylinder {cylinder}: Fehler im Stromkreis oder Unterbrechung",
            INJECTOR,
        )
    yield row(
        217,
        "Engine coolant overheating",
        "Motoren overophedet (kølervæske)",
        "Motor überhitzt (Kühlmittel)",
        OVERHEAT,
        emission=False,
        mil=False,
    )
    yield row(
        218,
        "Transmission fluid overheating",
        "Gearolien overophedet",
        "Getriebeöl überhitzt",
        TRANSMISSION,
        emission=False,
        mil=False,
    )
    yield row(
        219,
        "Engine speed above its limit (overspeed)",
        "Motoromdrejningstal over grænsen (overspeed)",
        "Motordrehzahl über dem Grenzwert (Überdrehzahl)",
        CONTROL_UNIT,
        emission=False,
        mil=False,
    )
    yield from five(
        220,
        'Throttle or pedal position sensor "B"',
        'Gasspjæld- eller pedalpositionssensor "B"',
        'Drosselklappen- oder Pedalwertgeber "B"',
        THROTTLE,
    )
    yield from five(
        225,
        'Throttle or pedal position sensor "C"',
        'Gasspjæld- eller pedalpositionssensor "C"',
        'Drosselklappen- oder Pedalwertgeber "C"',
        THROTTLE,
    )
    yield row(
        230,
        "Fuel pump primary circuit: fault",
        "Brændstofpumpens primære kredsløb: fejl",
        "Primärstromkreis der Kraftstoffpumpe: Fehler",
        ACTUATOR,
    )
    yield row(
        231,
        "Fuel pump secondary circuit: voltage too low",
        "Brændstofpumpens sekundære kredsløb: spænding for lav",
        "Sekundärstromkreis der Kraftstoffpumpe: Spannung zu niedrig",
        ACTUATOR,
    )
    yield row(
        232,
        "Fuel pump secondary circuit: voltage too high",
        "Brændstofpumpens sekundære kredsløb: spænding for høj",
        "Sekundärstromkreis der Kraftstoffpumpe: Spannung zu hoch",
        ACTUATOR,
    )
    yield row(
        234,
        'Turbocharger or supercharger "A": boost pressure too high (overboost)',
        'Turbo- eller kompressorlader "A": ladetryk for højt (overboost)',
        'Turbolader oder Kompressor "A": Ladedruck zu hoch (Overboost)',
        BOOST_HIGH,
    )
    # P0261-P0296: injectors per cylinder, three failure kinds each
    for cylinder in range(1, 13):
        start = 261 + (cylinder - 1) * 3
        yield row(
            start,
            f"Injector of cylinder {cylinder}: circuit voltage too low",
            f"Indsprøjtningsventil cylinder {cylinder}: spænding i kredsløbet for lav",
            f"Einspritzventil Zylinder {cylinder}: Spannung im Stromkreis zu niedrig",
            INJECTOR,
        )
        yield row(
            start + 1,
            f"Injector of cylinder {cylinder}: circuit voltage too high",
            f"Indsprøjtningsventil cylinder {cylinder}: spænding i kredsløbet for høj",
            f"Einspritzventil Zylinder {cylinder}: Spannung im Stromkreis zu hoch",
            INJECTOR,
        )
        yield row(
            start + 2,
            f"Cylinder {cylinder}: contribution or balance fault",
            f"Cylinder {cylinder}: ujævnt bidrag eller balancefejl",
            f"Zylinder {cylinder}: ungleicher Beitrag oder Laufunruhe (Zylindergleichstellung)",
            INJECTOR_BALANCE,
        )
    yield row(
        299,
        'Turbocharger or supercharger "A": boost pressure too low (underboost)',
        'Turbo- eller kompressorlader "A": ladetryk for lavt (underboost)',
        'Turbolader oder Kompressor "A": Ladedruck zu niedrig (Underboost)',
        BOOST_LOW,
    )
    # P0300-P0315: misfire
    yield row(
        300,
        "Misfire in several cylinders or at random",
        "Fejltænding i flere cylindre eller tilfældige cylindre",
        "Zündaussetzer in mehreren Zylindern oder zufällig verteilt",
        MISFIRE_RANDOM,
    )
    for cylinder in range(1, 13):
        yield row(
            300 + cylinder,
            f"Misfire in cylinder {cylinder}",
            f"Fejltænding i cylinder {cylinder}",
            f"Zündaussetzer in Zylinder {cylinder}",
            MISFIRE,
        )
    yield row(
        313,
        "Misfire while the fuel level was low",
        "Fejltænding ved lavt brændstofniveau",
        "Zündaussetzer bei niedrigem Kraftstoffstand",
        LOW_FUEL,
    )
    yield row(
        314,
        "Misfire in a single cylinder (cylinder not named)",
        "Fejltænding i én cylinder (cylinderen ikke angivet)",
        "Zündaussetzer in einem Zylinder (Zylinder nicht angegeben)",
        MISFIRE,
    )
    yield row(
        315,
        "Crankshaft position variation not learned",
        "Krumtapakslens positionsvariation ikke indlært",
        "Positionsabweichung der Kurbelwelle nicht angelernt",
        POSITION_SENSOR,
    )
    # P0325-P0349: knock, crankshaft and camshaft sensors
    yield from five(
        325,
        "Knock sensor 1 (bank 1 or single sensor)",
        "Bankesensor 1 (bank 1 eller eneste sensor)",
        "Klopfsensor 1 (Bank 1 oder einziger Sensor)",
        KNOCK,
    )
    yield from five(
        330, "Knock sensor 2 (bank 2)", "Bankesensor 2 (bank 2)", "Klopfsensor 2 (Bank 2)", KNOCK
    )
    yield from five(
        335,
        'Crankshaft position sensor "A"',
        'Krumtapakselsensor "A"',
        'Kurbelwellensensor "A"',
        POSITION_SENSOR,
    )
    yield from five(
        340,
        'Camshaft position sensor "A" (bank 1 or single sensor)',
        'Knastakselsensor "A" (bank 1 eller eneste sensor)',
        'Nockenwellensensor "A" (Bank 1 oder einziger Sensor)',
        POSITION_SENSOR,
    )
    yield from five(
        345,
        'Camshaft position sensor "A" (bank 2)',
        'Knastakselsensor "A" (bank 2)',
        'Nockenwellensensor "A" (Bank 2)',
        POSITION_SENSOR,
    )
    # P0350-P0362: ignition coils A-L
    yield row(
        350,
        "Ignition coil primary or secondary circuit: fault",
        "Tændspolernes primære eller sekundære kredsløb: fejl",
        "Primär- oder Sekundärkreis der Zündspulen: Fehler",
        COIL,
    )
    for index, letter in enumerate("ABCDEFGHIJKL", start=1):
        yield row(
            350 + index,
            f'Ignition coil "{letter}": primary or secondary circuit fault',
            f'Tændspole "{letter}": fejl i primært eller sekundært kredsløb',
            f'Zündspule "{letter}": Fehler im Primär- oder Sekundärkreis',
            COIL,
        )
    # P0400-P0408: exhaust gas recirculation
    yield row(
        400,
        "Exhaust gas recirculation (EGR): flow fault",
        "Udstødningsgasrecirkulation (EGR): fejl i gennemstrømningen",
        "Abgasrückführung (AGR): Fehler im Durchfluss",
        EGR_FLOW,
    )
    yield row(
        401,
        "Exhaust gas recirculation (EGR): flow too low",
        "Udstødningsgasrecirkulation (EGR): gennemstrømning for lav",
        "Abgasrückführung (AGR): Durchfluss zu gering",
        EGR_FLOW,
    )
    yield row(
        402,
        "Exhaust gas recirculation (EGR): flow too high",
        "Udstødningsgasrecirkulation (EGR): gennemstrømning for høj",
        "Abgasrückführung (AGR): Durchfluss zu hoch",
        EGR_FLOW,
    )
    yield row(
        403,
        "EGR valve: control circuit fault",
        "EGR-ventil: fejl i styrekredsløbet",
        "AGR-Ventil: Fehler im Ansteuerkreis",
        ACTUATOR,
    )
    yield row(
        404,
        "EGR valve: control circuit range or performance",
        "EGR-ventil: styrekredsløbets område eller ydeevne",
        "AGR-Ventil: Bereich oder Funktion des Ansteuerkreises",
        EGR_FLOW,
    )
    yield row(
        405,
        'EGR sensor "A": signal too low',
        'EGR-sensor "A": signal for lavt',
        'AGR-Sensor "A": Signal zu niedrig',
        CIRCUIT_LOW,
    )
    yield row(
        406,
        'EGR sensor "A": signal too high',
        'EGR-sensor "A": signal for højt',
        'AGR-Sensor "A": Signal zu hoch',
        CIRCUIT_HIGH,
    )
    yield row(
        407,
        'EGR sensor "B": signal too low',
        'EGR-sensor "B": signal for lavt',
        'AGR-Sensor "B": Signal zu niedrig',
        CIRCUIT_LOW,
    )
    yield row(
        408,
        'EGR sensor "B": signal too high',
        'EGR-sensor "B": signal for højt',
        'AGR-Sensor "B": Signal zu hoch',
        CIRCUIT_HIGH,
    )
    # P0410-P0419: secondary air injection
    yield row(
        410,
        "Secondary air injection: system fault",
        "Sekundærluftsystem: systemfejl",
        "Sekundärluftsystem: Systemfehler",
        SECONDARY_AIR,
    )
    yield row(
        411,
        "Secondary air injection: wrong air flow detected",
        "Sekundærluftsystem: forkert luftmængde registreret",
        "Sekundärluftsystem: falscher Luftdurchsatz erkannt",
        SECONDARY_AIR,
    )
    for start, valve in ((412, "A"), (415, "B")):
        yield row(
            start,
            f'Secondary air switching valve "{valve}": circuit fault',
            f'Sekundærluftens omskifterventil "{valve}": fejl i kredsløbet',
            f'Sekundärluft-Umschaltventil "{valve}": Fehler im Stromkreis',
            SECONDARY_AIR_CIRCUIT,
        )
        yield row(
            start + 1,
            f'Secondary air switching valve "{valve}": circuit open',
            f'Sekundærluftens omskifterventil "{valve}": kredsløb afbrudt',
            f'Sekundärluft-Umschaltventil "{valve}": Unterbrechung im Stromkreis',
            SECONDARY_AIR_CIRCUIT,
        )
        yield row(
            start + 2,
            f'Secondary air switching valve "{valve}": circuit shorted',
            f'Sekundærluftens omskifterventil "{valve}": kredsløb kortsluttet',
            f'Sekundärluft-Umschaltventil "{valve}": Kurzschluss im Stromkreis',
            SECONDARY_AIR_CIRCUIT,
        )
    yield row(
        418,
        'Secondary air pump relay "A": circuit fault',
        'Relæ til sekundærluftpumpe "A": fejl i kredsløbet',
        'Relais der Sekundärluftpumpe "A": Fehler im Stromkreis',
        SECONDARY_AIR_CIRCUIT,
    )
    yield row(
        419,
        'Secondary air pump relay "B": circuit fault',
        'Relæ til sekundærluftpumpe "B": fejl i kredsløbet',
        'Relais der Sekundärluftpumpe "B": Fehler im Stromkreis',
        SECONDARY_AIR_CIRCUIT,
    )
    # P0420-P0434: catalysts
    for start, bank in ((420, 1), (430, 2)):
        bank_da = BANKS_DA[bank]
        yield row(
            start,
            f"Catalytic converter efficiency below the threshold (bank {bank})",
            f"Katalysatorens virkningsgrad under grænseværdien ({bank_da})",
            f"Wirkungsgrad des Katalysators unter dem Schwellenwert (Bank {bank})",
            CATALYST,
        )
        yield row(
            start + 1,
            f"Warm-up catalyst efficiency below the threshold (bank {bank})",
            f"Forkatalysatorens virkningsgrad under grænseværdien ({bank_da})",
            f"Wirkungsgrad des Vorkatalysators unter dem Schwellenwert (Bank {bank})",
            CATALYST,
        )
        yield row(
            start + 2,
            f"Main catalyst efficiency below the threshold (bank {bank})",
            f"Hovedkatalysatorens virkningsgrad under grænseværdien ({bank_da})",
            f"Wirkungsgrad des Hauptkatalysators unter dem Schwellenwert (Bank {bank})",
            CATALYST,
        )
        yield row(
            start + 3,
            f"Heated catalyst efficiency below the threshold (bank {bank})",
            f"Den opvarmede katalysators virkningsgrad under grænseværdien ({bank_da})",
            f"Wirkungsgrad des beheizten Katalysators unter dem Schwellenwert (Bank {bank})",
            CATALYST,
        )
        yield row(
            start + 4,
            f"Heated catalyst temperature below the threshold (bank {bank})",
            f"Den opvarmede katalysators temperatur under grænseværdien ({bank_da})",
            f"Temperatur des beheizten Katalysators unter dem Schwellenwert (Bank {bank})",
            CATALYST,
        )
    # P0440-P0457: evaporative emission system
    evap = (
        (
            "Evaporative emission system: fault",
            "Fordampningsanlæg (EVAP): fejl",
            "Tankentlüftungssystem (EVAP): Fehler",
            EVAP_LEAK,
        ),
        (
            "Evaporative emission system: wrong purge flow",
            "Fordampningsanlæg (EVAP): forkert gennemstrømning ved tankudluftning",
            "Tankentlüftungssystem (EVAP): falscher Spüldurchfluss",
            EVAP_VALVE,
        ),
        (
            "Evaporative emission system: small leak detected",
            "Fordampningsanlæg (EVAP): lille utæthed registreret",
            "Tankentlüftungssystem (EVAP): kleines Leck erkannt",
            EVAP_LEAK,
        ),
        (
            "Purge control valve: circuit fault",
            "Tankudluftningsventil: fejl i kredsløbet",
            "Tankentlüftungsventil: Fehler im Stromkreis",
            EVAP_VALVE,
        ),
        (
            "Purge control valve: circuit open",
            "Tankudluftningsventil: kredsløb afbrudt",
            "Tankentlüftungsventil: Unterbrechung im Stromkreis",
            EVAP_VALVE,
        ),
        (
            "Purge control valve: circuit shorted",
            "Tankudluftningsventil: kredsløb kortsluttet",
            "Tankentlüftungsventil: Kurzschluss im Stromkreis",
            EVAP_VALVE,
        ),
        (
            "Vent control: circuit fault",
            "Ventilationsstyring: fejl i kredsløbet",
            "Belüftungssteuerung: Fehler im Stromkreis",
            EVAP_VALVE,
        ),
        (
            "Vent control: circuit open",
            "Ventilationsstyring: kredsløb afbrudt",
            "Belüftungssteuerung: Unterbrechung im Stromkreis",
            EVAP_VALVE,
        ),
        (
            "Vent control: circuit shorted",
            "Ventilationsstyring: kredsløb kortsluttet",
            "Belüftungssteuerung: Kurzschluss im Stromkreis",
            EVAP_VALVE,
        ),
        (
            "Vent valve or solenoid: circuit fault",
            "Ventilationsventil eller -magnetventil: fejl i kredsløbet",
            "Belüftungsventil oder -magnetventil: Fehler im Stromkreis",
            EVAP_VALVE,
        ),
        (
            "Evaporative system pressure sensor: fault",
            "Tryksensor i fordampningsanlægget: fejl",
            "Drucksensor des Tankentlüftungssystems: Fehler",
            EVAP_SENSOR,
        ),
        (
            "Evaporative system pressure sensor: signal outside its range or implausible",
            "Tryksensor i fordampningsanlægget: signal uden for måleområdet eller usandsynligt",
            "Drucksensor des Tankentlüftungssystems: Signal außerhalb des Messbereichs oder unplausibel",
            EVAP_SENSOR,
        ),
        (
            "Evaporative system pressure sensor: signal too low",
            "Tryksensor i fordampningsanlægget: signal for lavt",
            "Drucksensor des Tankentlüftungssystems: Signal zu niedrig",
            EVAP_SENSOR,
        ),
        (
            "Evaporative system pressure sensor: signal too high",
            "Tryksensor i fordampningsanlægget: signal for højt",
            "Drucksensor des Tankentlüftungssystems: Signal zu hoch",
            EVAP_SENSOR,
        ),
        (
            "Evaporative system pressure sensor: signal intermittent",
            "Tryksensor i fordampningsanlægget: signal falder periodisk ud",
            "Drucksensor des Tankentlüftungssystems: Signal setzt zeitweise aus",
            EVAP_SENSOR,
        ),
        (
            "Evaporative emission system: large leak detected (no purge flow)",
            "Fordampningsanlæg (EVAP): stor utæthed registreret (ingen gennemstrømning)",
            "Tankentlüftungssystem (EVAP): großes Leck erkannt (kein Spüldurchfluss)",
            EVAP_LEAK,
        ),
        (
            "Evaporative emission system: very small leak detected",
            "Fordampningsanlæg (EVAP): meget lille utæthed registreret",
            "Tankentlüftungssystem (EVAP): sehr kleines Leck erkannt",
            EVAP_LEAK,
        ),
        (
            "Evaporative emission system: leak detected (fuel filler cap loose or missing)",
            "Fordampningsanlæg (EVAP): utæthed registreret (tankdæksel løst eller mangler)",
            "Tankentlüftungssystem (EVAP): Leck erkannt (Tankdeckel lose oder fehlt)",
            EVAP_LEAK,
        ),
    )
    for offset, (en, da, de, found) in enumerate(evap):
        yield row(440 + offset, en, da, de, found)
    yield from five(
        460,
        'Fuel level sensor "A"',
        'Brændstofniveausensor "A"',
        'Kraftstoffstandsensor "A"',
        FUEL_LEVEL,
    )
    yield row(
        480,
        "Cooling fan 1: control circuit fault",
        "Køleventilator 1: fejl i styrekredsløbet",
        "Kühlerlüfter 1: Fehler im Ansteuerkreis",
        FAN,
        emission=False,
        mil=False,
    )
    yield row(
        481,
        "Cooling fan 2: control circuit fault",
        "Køleventilator 2: fejl i styrekredsløbet",
        "Kühlerlüfter 2: Fehler im Ansteuerkreis",
        FAN,
        emission=False,
        mil=False,
    )
    # P0500-P0507: vehicle speed and idle control
    yield row(
        500,
        'Vehicle speed sensor "A": fault',
        'Hastighedssensor "A": fejl',
        'Fahrgeschwindigkeitssensor "A": Fehler',
        SPEED,
    )
    yield row(
        501,
        'Vehicle speed sensor "A": signal outside its range or implausible',
        'Hastighedssensor "A": signal uden for måleområdet eller usandsynligt',
        'Fahrgeschwindigkeitssensor "A": Signal außerhalb des Messbereichs oder unplausibel',
        SPEED,
    )
    yield row(
        502,
        'Vehicle speed sensor "A": signal too low',
        'Hastighedssensor "A": signal for lavt',
        'Fahrgeschwindigkeitssensor "A": Signal zu niedrig',
        SPEED,
    )
    yield row(
        503,
        'Vehicle speed sensor "A": signal intermittent, erratic or too high',
        'Hastighedssensor "A": signal falder ud, er uregelmæssigt eller for højt',
        'Fahrgeschwindigkeitssensor "A": Signal setzt aus, ist unregelmäßig oder zu hoch',
        SPEED,
    )
    yield row(
        505,
        "Idle control system: fault",
        "Tomgangsregulering: fejl",
        "Leerlaufregelung: Fehler",
        IDLE,
    )
    yield row(
        506,
        "Idle speed lower than expected",
        "Tomgangsomdrejningstal lavere end forventet",
        "Leerlaufdrehzahl niedriger als erwartet",
        IDLE,
    )
    yield row(
        507,
        "Idle speed higher than expected",
        "Tomgangsomdrejningstal højere end forventet",
        "Leerlaufdrehzahl höher als erwartet",
        IDLE,
    )
    # P0560-P0563: system voltage (engine protection, not emissions)
    for offset, (en, da, de) in enumerate(
        (
            ("System voltage: fault", "Systemspænding: fejl", "Bordnetzspannung: Fehler"),
            ("System voltage unstable", "Systemspænding ustabil", "Bordnetzspannung instabil"),
            ("System voltage too low", "Systemspænding for lav", "Bordnetzspannung zu niedrig"),
            ("System voltage too high", "Systemspænding for høj", "Bordnetzspannung zu hoch"),
        )
    ):
        yield row(560 + offset, en, da, de, VOLTAGE, emission=False, mil=False)
    # P0600-P0606: control units
    for offset, (en, da, de) in enumerate(
        (
            (
                "Serial communication link: fault",
                "Seriel kommunikationsforbindelse: fejl",
                "Serielle Kommunikationsverbindung: Fehler",
            ),
            (
                "Control unit: memory checksum error",
                "Styreenhed: kontrolsumfejl i hukommelsen",
                "Steuergerät: Prüfsummenfehler im Speicher",
            ),
            (
                "Control unit: programming error",
                "Styreenhed: programmeringsfejl",
                "Steuergerät: Programmierfehler",
            ),
            (
                "Control unit: keep-alive memory error",
                "Styreenhed: fejl i den permanente hukommelse (KAM)",
                "Steuergerät: Fehler im Dauerspeicher (KAM)",
            ),
            ("Control unit: RAM error", "Styreenhed: RAM-fejl", "Steuergerät: RAM-Fehler"),
            ("Control unit: ROM error", "Styreenhed: ROM-fejl", "Steuergerät: ROM-Fehler"),
            (
                "Control unit: processor fault",
                "Styreenhed: processorfejl",
                "Steuergerät: Prozessorfehler",
            ),
        )
    ):
        yield row(600 + offset, en, da, de, CONTROL_UNIT)
    # P0700-P0741: transmission
    yield row(
        700,
        "Transmission control system: fault reported (MIL request)",
        "Gearkassens styresystem: fejl meldt (anmodning om MIL)",
        "Getriebesteuerung: Fehler gemeldet (MIL-Anforderung)",
        TRANSMISSION,
    )
    yield row(
        705,
        'Transmission range sensor "A": circuit fault (PRNDL input)',
        'Gearvælgerpositionssensor "A": fejl i kredsløbet (PRNDL-indgang)',
        'Wählhebelpositionssensor "A": Fehler im Stromkreis (PRNDL-Eingang)',
        TRANSMISSION_SENSOR,
    )
    yield row(
        715,
        'Input or turbine speed sensor "A": circuit fault',
        'Indgangs- eller turbinehastighedssensor "A": fejl i kredsløbet',
        'Eingangs- oder Turbinendrehzahlsensor "A": Fehler im Stromkreis',
        TRANSMISSION_SENSOR,
    )
    yield row(
        720,
        "Output speed sensor: circuit fault",
        "Udgangshastighedssensor: fejl i kredsløbet",
        "Abtriebsdrehzahlsensor: Fehler im Stromkreis",
        TRANSMISSION_SENSOR,
    )
    yield row(
        730,
        "Incorrect gear ratio",
        "Forkert gearudveksling",
        "Falsches Übersetzungsverhältnis",
        TRANSMISSION,
    )
    for gear in range(1, 6):
        yield row(
            730 + gear,
            f"Gear {gear}: incorrect ratio",
            f"{gear}. gear: forkert udveksling",
            f"{gear}. Gang: falsches Übersetzungsverhältnis",
            TRANSMISSION,
        )
    yield row(
        736,
        "Reverse gear: incorrect ratio",
        "Bakgear: forkert udveksling",
        "Rückwärtsgang: falsches Übersetzungsverhältnis",
        TRANSMISSION,
    )
    yield row(
        740,
        "Torque converter clutch: circuit fault",
        "Momentomformerens lockup-kobling: fejl i kredsløbet",
        "Wandlerüberbrückungskupplung: Fehler im Stromkreis",
        TRANSMISSION,
    )
    yield row(
        741,
        "Torque converter clutch: performance or stuck off",
        "Momentomformerens lockup-kobling: ydeevne eller hænger udkoblet",
        "Wandlerüberbrückungskupplung: Funktion oder bleibt geöffnet",
        TRANSMISSION,
    )
    # P0A80: hybrid propulsion (a hexadecimal third character)
    yield row(
        "P0A80",
        "Hybrid battery pack needs replacing",
        "Hybridbatteriet skal udskiftes",
        "Hybridbatterie muss ersetzt werden",
        HYBRID_BATTERY,
    )


def build() -> str:
    """The CSV text, in code order."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    seen: set[str] = set()
    for entry in sorted(rows(), key=lambda item: item[0]):
        if entry[0] in seen:  # a family that overlaps another would be a mistake here
            raise ValueError(f"{entry[0]} twice")
        seen.add(entry[0])
        code_, en, da, de, emission, mil, causes_en, causes_da, causes_de = entry
        writer.writerow(
            (
                code_,
                en,
                da,
                de,
                "yes" if emission else "no",
                "yes" if mil else "no",
                causes_en,
                causes_da,
                causes_de,
            )
        )
    return buffer.getvalue()


if __name__ == "__main__":
    OUT.write_text(build(), encoding="utf-8")
    print(f"{OUT}: {build().count(chr(10)) - 1} codes")
