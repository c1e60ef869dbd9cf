"""Demo documents, part 1: thirty repair instructions and thirty technical service bulletins for
the demo vehicles' series and engines. Written for the demo: short and plausible, not the
manufacturer's text; numbers of parts and labour operations are those of the other demos."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class DemoDocument:
    number: str
    kind: str
    title: str
    sections: list[tuple[str, list[str]]]
    series: list[str] = field(default_factory=list)
    engines: list[str] = field(default_factory=list)
    language: str = "en"
    fault_codes: list[str] = field(default_factory=list)
    campaigns: list[str] = field(default_factory=list)
    form: str = "html"  # html, pdf, image (a diagram without text), scan (a PDF without text)
    valid_from: date = date(2024, 3, 1)
    produced_from: date | None = None
    produced_to: date | None = None
    options: list[str] = field(default_factory=list)


# engine: (series it is in the demo, petrol?, oil filter element, oil capacity in litres)
ENGINES = {
    "N54": (["E90", "E91"], True, "11 42 7 953 129", "6.5"),
    "N47": (["E90", "E91"], False, "11 42 8 507 683", "5.2"),
    "N57": (["F10"], False, "11 42 8 507 683", "6.5"),
    "N20": (["F30"], True, "11 42 7 508 969", "5.0"),
    "N52": (["E60"], True, "11 42 7 541 827", "6.5"),
    "B47": (["F31", "G20", "G30", "F48", "G01"], False, "11 42 8 507 683", "5.2"),
    "B48": (["G20", "G28", "F56"], True, "11 42 7 508 969", "5.25"),
    "B58": (["G20", "G31"], True, "11 42 7 953 129", "6.5"),
    "B57": (["G05", "G11"], False, "11 42 8 507 683", "7.5"),
}

# The labour operations of Commercial Service Data's demo, by what they do.
OIL_SERVICE, SPARK_PLUGS, AIR_FILTER = "11 00 050", "12 12 000", "13 71 000"
MICROFILTER, FRONT_BRAKE, BRAKE_FLUID = "64 31 000", "34 11 000", "34 00 500"
HPFP = "13 51 010"


def _oil_filter(engine: str, number: int) -> DemoDocument:
    series, petrol, part, litres = ENGINES[engine]
    fuel = "petrol" if petrol else "diesel"
    steps = [
        "Switch the ignition off and let the engine cool below 40 °C.",
        "Open the oil filter cover with a 36 mm socket and lift the filter element out; "
        "let the oil drain back into the sump for two minutes.",
        f"Replace the oil filter element {part} and the O-ring of the cover; oil the new O-ring.",
        "Tighten the oil filter cover to 25 Nm. Do not overtighten: the cover cracks.",
        "Drain the engine oil at the sump plug, fit a new sealing ring A12x18 (07 11 9 963 200) "
        "and tighten the plug to 25 Nm.",
        f"Fill in {litres} litres of approved {fuel} engine oil (Longlife-01 or Longlife-04).",
        "Run the engine for one minute, check the oil filter cover for leaks, then check the "
        "oil level with the electronic oil level measurement after five minutes.",
        f"Reset the engine oil service in the CBS display. Labour operation {OIL_SERVICE}.",
    ]
    return DemoDocument(
        number=f"RA 11 42 0{number:02d}",
        kind="repair_instruction",
        title=f"Oil filter element and engine oil: replace ({engine})",
        sections=[
            ("Special tools", ["Oil filter wrench 36 mm", "Torque wrench 5-60 Nm"]),
            ("Procedure", steps),
            (
                "Note",
                [
                    "A leaking oil filter cover is the most common cause of oil on the "
                    "exhaust manifold side after a service."
                ],
            ),
        ],
        series=series,
        engines=[engine],
        form="pdf" if engine == "N54" else "html",
    )


def _spark_plugs(engine: str, number: int) -> DemoDocument:
    series, _petrol, _part, _litres = ENGINES[engine]
    cylinders = "six" if engine in ("N54", "B58", "N52") else "four"
    return DemoDocument(
        number=f"RA 12 12 0{number:02d}",
        kind="repair_instruction",
        title=f"Spark plugs: replace ({engine})",
        sections=[
            (
                "Procedure",
                [
                    "Remove the engine cover and the ignition coil cover.",
                    f"Pull the {cylinders} ignition coils straight up; do not lever them out.",
                    "Blow out the spark plug wells with compressed air before unscrewing.",
                    "Unscrew the spark plugs with the 14 mm spark plug socket.",
                    "Fit new spark plugs 12 12 0 037 244 and tighten them to 23 Nm.",
                    f"Refit the ignition coils and covers. Labour operation {SPARK_PLUGS}.",
                ],
            ),
            (
                "Fault memory",
                [
                    "Misfire entries (P0300 to P0306) stored before the job are cleared after a "
                    "test drive without misfires."
                ],
            ),
        ],
        series=series,
        engines=[engine],
        fault_codes=["P0300"],
    )


def _brake_pads(series: str, number: int) -> DemoDocument:
    return DemoDocument(
        number=f"RA 34 11 0{number:02d}",
        kind="repair_instruction",
        title=f"Front brake pads and wear sensor: replace ({series})",
        sections=[
            (
                "Procedure",
                [
                    "Lift the vehicle and remove the front wheels.",
                    "Unclip the brake pad wear sensor and remove it from the inner pad.",
                    "Remove the guide bolts (34 11 6 769 869) and lift off the brake caliper; "
                    "hang it up, do not let it hang on the brake hose.",
                    "Press the piston back and fit the set of brake pads 34 11 6 771 868.",
                    "Fit a new brake pad wear sensor 34 35 6 762 252 at every pad change.",
                    "Tighten the guide bolts to 30 Nm and the wheel bolts to 140 Nm.",
                    f"Pump the brake pedal until it is firm. Labour operation {FRONT_BRAKE}.",
                ],
            ),
            ("Check", ["Measure the brake disc thickness; replace the discs below the minimum."]),
        ],
        series=[series],
    )


def _simple(
    number: str,
    title: str,
    steps: list[str],
    *,
    series: list[str] | None = None,
    engines: list[str] | None = None,
    fault_codes: list[str] | None = None,
    campaigns: list[str] | None = None,
    form: str = "html",
    kind: str = "repair_instruction",
    note: str = "",
) -> DemoDocument:
    sections = [("Procedure", steps)]
    if note:
        sections.append(("Note", [note]))
    return DemoDocument(
        number=number,
        kind=kind,
        title=title,
        sections=sections,
        series=series or [],
        engines=engines or [],
        fault_codes=fault_codes or [],
        campaigns=campaigns or [],
        form=form,
    )


def repair_instructions() -> list[DemoDocument]:
    documents = [
        _oil_filter(engine, n)
        for n, engine in enumerate(
            ["N54", "N47", "N57", "N20", "N52", "B47", "B48", "B58", "B57"], 50
        )
    ]
    documents += [
        _spark_plugs(engine, n) for n, engine in enumerate(["N54", "N20", "N52", "B48", "B58"], 10)
    ]
    documents += [
        _brake_pads(series, n) for n, series in enumerate(["E91", "F30", "G20", "G30"], 20)
    ]
    documents += [
        _simple(
            "RA 12 13 020",
            "Ignition coil: replace (N54)",
            [
                "Read the fault memory: a misfire of one cylinder (P0301 to P0306) that follows "
                "the coil when coils are swapped points to the coil.",
                "Remove the ignition coil cover and pull the coil of the cylinder concerned.",
                "Fit the improved ignition coil 12 13 8 616 153; fit all six when the vehicle "
                "still has the first version.",
                "Clear the fault memory and test-drive the vehicle.",
            ],
            series=["E90", "E91"],
            engines=["N54"],
            fault_codes=["P0301", "P0302", "P0303", "P0304", "P0305", "P0306"],
        ),
        _simple(
            "RA 12 13 021",
            "Ignition coil: replace (B48)",
            [
                "Remove the engine cover; unplug the coil of the cylinder concerned.",
                "Pull the coil straight up and fit the new ignition coil 12 13 7 594 937.",
                "Clear the fault memory (P0301 to P0304) and run the engine until warm.",
            ],
            engines=["B48"],
            fault_codes=["P0301", "P0302", "P0303", "P0304"],
        ),
        _simple(
            "RA 13 51 010",
            "High-pressure fuel pump: check and replace (N54)",
            [
                "Read the fault memory: P0087 (fuel rail pressure too low) with a pressure "
                "below 50 bar at idle points to the high-pressure fuel pump.",
                "Check the low pressure: at least 5 bar with the ignition on.",
                "Depressurise the fuel system with the diagnosis tool before opening any line.",
                "Replace the high-pressure fuel pump and its high-pressure lines; tighten the "
                "line unions to 23 Nm.",
                f"Carry out technical campaign 0013250800 where open. Labour operation {HPFP}.",
            ],
            series=["E90", "E91"],
            engines=["N54"],
            fault_codes=["P0087"],
            campaigns=["0013250800"],
            form="pdf",
        ),
        _simple(
            "RA 13 53 520",
            "Fuel injector: replace (N54)",
            [
                "Depressurise the fuel system and remove the ignition coils.",
                "Remove the injector of the cylinder concerned with the special tool; note its "
                "index on the body.",
                "Fit a new injector with a new Teflon sealing ring and code its index in the "
                "engine control unit.",
                "Read the fault memory: P0201 to P0206 must be gone after the test drive.",
            ],
            series=["E90", "E91"],
            engines=["N54"],
            fault_codes=["P0201", "P0202", "P0203"],
        ),
        _simple(
            "RA 13 53 521",
            "Fuel injector: replace (B47)",
            [
                "Let the engine cool; depressurise the common rail with the diagnosis tool.",
                "Remove the injector line and the return line of the injector concerned.",
                "Pull the injector with the puller; renew the copper sealing washer.",
                "Enter the injector's quantity correction code in the engine control unit.",
            ],
            engines=["B47"],
            fault_codes=["P0201"],
        ),
        _simple(
            "RA 34 00 500",
            "Brake fluid: change",
            [
                "Connect the brake bleeding unit at 2 bar to the brake fluid reservoir.",
                "Bleed the brakes in the order rear right, rear left, front right, front left "
                "until clear fluid without bubbles comes out (about 250 ml a wheel).",
                f"Check the brake fluid level and reset the CBS. Labour operation {BRAKE_FLUID}.",
            ],
            note="Brake fluid DOT 4 LV; change every two years, whatever the mileage.",
        ),
    ]
    documents += [
        _simple(
            f"RA 64 31 0{n:02d}",
            f"Microfilter: replace ({series})",
            [
                "Open the glove box and remove the filter housing cover behind it.",
                "Pull out both microfilter elements; note the airflow arrows.",
                "Fit the new activated-carbon microfilters with the arrows pointing up.",
                f"Refit the cover. Labour operation {MICROFILTER}.",
            ],
            series=[series],
        )
        for n, series in enumerate(["E91", "F30", "G20"], 10)
    ]
    documents += [
        _simple(
            f"RA 13 71 0{n:02d}",
            f"Air filter element: replace ({engine})",
            [
                "Open the clips of the intake silencer housing.",
                "Take out the air filter element and clean the housing of leaves and dust.",
                "Fit the new element with its seal all round; close the clips.",
                f"Labour operation {AIR_FILTER}.",
            ],
            engines=[engine],
        )
        for n, engine in enumerate(["N54", "B47", "B48"], 10)
    ]
    return documents


def service_bulletins() -> list[DemoDocument]:
    """Thirty short technical service bulletins (SI)."""
    rows: list[tuple[str, str, list[str], list[str], list[str], list[str], str]] = [
        # number, title, series, engines, fault codes, campaigns, text
        (
            "SI B 11 03 08",
            "Oil leak at the oil filter housing gasket",
            ["E90", "E91"],
            ["N54"],
            [],
            [],
            "Oil on the exhaust manifold side and a burning smell are often caused by the "
            "oil filter housing gasket, not the oil filter cover. Replace the gasket 11 42 7 525 334 "
            "and check the valve cover gasket at the same time.",
        ),
        (
            "SI B 11 04 09",
            "Oil leak at the oil filter housing gasket",
            ["E60"],
            ["N52"],
            [],
            [],
            "As for the N54: oil on the exhaust side comes from the oil filter housing "
            "gasket. Replace the gasket; the oil filter element is not at fault.",
        ),
        (
            "SI B 13 02 10",
            "Rough idle and P0171 after a cold start",
            ["E90", "E91"],
            ["N54"],
            ["P0171", "P0174"],
            [],
            "A torn crankcase ventilation valve lets unmetered air in: "
            "the mixture runs lean (P0171, P0174). Replace the valve cover with the integrated "
            "ventilation valve.",
        ),
        (
            "SI B 13 05 11",
            "Limp-home mode with P0087 under load",
            ["E90", "E91"],
            ["N54"],
            ["P0087"],
            ["0013250800"],
            "Low rail pressure under load: check the high-pressure "
            "fuel pump first; technical campaign 0013250800 covers affected pumps.",
        ),
        (
            "SI B 11 06 12",
            "Rattle from the timing chain at cold start",
            ["E90", "E91"],
            ["N47"],
            [],
            [],
            "A rattle at the rear of the engine for two seconds after a cold start points "
            "to a worn timing chain and guide rails. Replace the chain drive as a set.",
        ),
        (
            "SI B 11 07 12",
            "Swirl flap actuator fault",
            ["F10"],
            ["N57"],
            ["P2015"],
            [],
            "Fault P2015 with the swirl flaps stuck: replace the swirl flap actuator; clean the "
            "intake manifold of soot when the flaps stick mechanically.",
        ),
        (
            "SI B 13 08 13",
            "Hesitation at 2,000 rpm",
            ["F30"],
            ["N20"],
            ["P0299"],
            [],
            "Boost pressure too low (P0299): check the wastegate linkage of the turbocharger for "
            "play; a rattling wastegate needs the turbocharger replaced.",
        ),
        (
            "SI B 12 09 14",
            "Ignition coils: improved version",
            [],
            ["N54", "N52", "B58"],
            ["P0300", "P0301"],
            [],
            "Repeated misfires on one cylinder: fit the improved ignition "
            "coil 12 13 8 616 153. Mixed versions on one engine are allowed.",
        ),
        (
            "SI B 17 10 15",
            "Coolant loss at the expansion tank",
            ["E90", "E91", "E60"],
            [],
            [],
            [],
            "Hairline cracks at the expansion tank seam lose coolant slowly. Replace the "
            "tank and its cap; pressure-test the system at 2 bar.",
        ),
        (
            "SI B 13 11 16",
            "Catalytic converter efficiency P0420 after a software update",
            ["E90", "E91"],
            ["N54"],
            ["P0420", "P0430"],
            ["0061190300"],
            "After updating the "
            "engine control unit, P0420 can appear once while the catalyst monitor relearns. "
            "Drive two cycles before replacing a catalytic converter.",
        ),
        (
            "SI B 13 12 16",
            "Catalyst efficiency P0420 on diesel engines",
            [],
            ["N47", "B47"],
            ["P0420"],
            [],
            "On diesel engines P0420 usually points to a worn oxidation catalyst. "
            "Check the exhaust temperature sensors before replacing parts.",
        ),
        (
            "SI B 11 13 17",
            "Charge air hose detached",
            [],
            ["B47"],
            ["P0299"],
            [],
            "A loud hiss and lack of power: the charge air hose at the intercooler has come off. "
            "Fit the hose with the new clamp and check the locking clip.",
        ),
        (
            "SI B 18 14 17",
            "Exhaust flap rattle",
            ["G30", "G31"],
            [],
            [],
            [],
            "A rattle from the rear silencer at idle comes from the exhaust flap actuator. "
            "Replace the actuator; the silencer itself is fine.",
        ),
        (
            "SI B 61 15 18",
            "Battery drain when parked",
            ["G20", "G30"],
            [],
            ["P0562"],
            [],
            "Low voltage (P0562) after parking for days: a control unit that stays awake. "
            "Read the energy diagnosis and update the software of the control unit it names.",
        ),
        (
            "SI B 61 16 18",
            "Intelligent battery sensor: poor contact",
            ["F30", "F31"],
            [],
            ["P0562"],
            [],
            "Poor contact at the battery sensor gives wrong charge readings. "
            "Clean the terminal and tighten it to 5 Nm.",
        ),
        (
            "SI B 34 17 19",
            "Brake noise at low speed",
            ["G20"],
            [],
            [],
            [],
            "A grinding noise when braking gently: fit the low-dust brake pads 34 11 6 794 917 "
            "and apply the anti-squeal paste to the pad backs only.",
        ),
        (
            "SI B 34 18 19",
            "Brake vacuum hose routing",
            ["E91"],
            [],
            [],
            ["0034520100"],
            "The brake vacuum hose can chafe on the intake pipe. Check the routing and fit the "
            "clip; see technical campaign 0034520100.",
        ),
        (
            "SI B 64 19 20",
            "Musty smell from the air conditioning",
            [],
            [],
            [],
            [],
            "Replace the microfilter and clean the evaporator with the approved cleaner. Advise "
            "the driver to switch the air conditioning off two minutes before parking.",
        ),
        (
            "SI B 11 20 20",
            "Oil consumption on new engines",
            [],
            ["B48", "B58"],
            [],
            [],
            "Up to 0.7 litres per 1,000 km are normal during the first 5,000 km. Measure the "
            "consumption over 1,000 km before any repair.",
        ),
        (
            "SI B 13 21 21",
            "Particulate filter regeneration interrupted",
            [],
            ["B47", "B57"],
            ["P2002"],
            [],
            "Short trips interrupt the regeneration. Start a regeneration with "
            "the diagnosis tool; replace the filter only with P2002 and a high differential "
            "pressure.",
        ),
        (
            "SI B 12 22 21",
            "Starter motor does not engage",
            ["F48"],
            ["B38"],
            [],
            [],
            "A click without cranking: check the starter's terminal 50 connection before "
            "replacing the starter motor.",
        ),
        (
            "SI B 11 23 22",
            "Oil level warning despite correct level",
            [],
            ["B48"],
            [],
            [],
            "A faulty oil level sensor reports a low level. Check the level with the dipstick "
            "function of the diagnosis tool and replace the sensor.",
        ),
        (
            "SI B 13 24 22",
            "Lambda sensor heater fault",
            [],
            ["N20", "B48"],
            ["P0135", "P0141"],
            [],
            "Heater faults of the lambda sensors usually come from the connector. Check the "
            "connector for corrosion before replacing the sensor.",
        ),
        (
            "SI B 17 25 22",
            "Electric coolant pump: intermittent fault",
            ["F10", "F30"],
            [],
            ["P0597"],
            [],
            "The electric coolant pump stops intermittently. Replace the pump and "
            "bleed the cooling system with the bleeding routine of the diagnosis tool.",
        ),
        (
            "SI B 61 26 23",
            "Key not recognised",
            ["R56"],
            ["N12"],
            [],
            [],
            "The key is not recognised after a battery change: synchronise the key by turning "
            "the ignition on with it ten times within one minute.",
        ),
        (
            "SI B 13 27 23",
            "VANOS solenoid valve sticking",
            [],
            ["N52", "N54"],
            ["P0011", "P0014"],
            [],
            "Camshaft timing faults with a correct oil level: clean or replace the VANOS "
            "solenoid valves; check the oil grade.",
        ),
        (
            "SI B 11 28 24",
            "Timing chain stretch check",
            [],
            ["N47", "N57"],
            [],
            [],
            "Measure the chain stretch with the special tool at every oil service above "
            "150,000 km; replace the chain drive above the limit.",
        ),
        (
            "SI B 13 29 24",
            "Injector leak-off test",
            [],
            ["B47", "B57"],
            ["P0201"],
            [],
            "Before replacing an injector, carry out the leak-off test: the quantities of the "
            "injectors must not differ by more than 20 %.",
        ),
        (
            "SI B 64 30 24",
            "Air conditioning compressor noise",
            ["G01", "G05"],
            [],
            [],
            [],
            "A humming noise with the air conditioning on: check the compressor mounting bolts "
            "for torque (25 Nm) before replacing the compressor.",
        ),
        (
            "SI B 12 31 25",
            "Alternator charge control",
            [],
            ["B57"],
            ["P0562"],
            [],
            "Low charge voltage at idle: update the engine control unit software; the alternator "
            "is rarely at fault.",
        ),
    ]
    return [
        DemoDocument(
            number=number,
            kind="service_bulletin",
            title=title,
            sections=[("Situation and remedy", [text])],
            series=series,
            engines=engines,
            fault_codes=fault_codes,
            campaigns=campaigns,
            valid_from=date(2024, 1, 15),
            form="pdf" if number == "SI B 11 03 08" else "html",
        )
        for number, title, series, engines, fault_codes, campaigns, text in rows
    ]
