"""Demo central vehicle data: the CBS catalogue, the walkthrough's vehicle and 34 more.

Idempotent: the catalogue is upserted by code, the vehicles go through the import service
(upsert by VIN; a CBS status already there is left alone, so that the service history demo,
which runs after this one, and anything a user did, stay as they are).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from aftersales import clock

from .models import CbsApplicability, CbsPosition
from .services import vehicles_import_records
from .vin import with_check_digit

# code: (name, Danish name, order, interval months, interval km)
CBS_POSITIONS: dict[str, tuple[str, str, int, int | None, int | None]] = {
    "engine_oil": ("Engine oil", "Motorolie", 10, 24, 30_000),
    "front_brake": ("Front Brake", "Bremse foran", 20, None, 60_000),
    "brake_fluid": ("Brake fluid", "Bremsevæske", 30, 24, None),
    "rear_brake": ("Rear Brake", "Bremse bagtil", 40, None, 80_000),
    "vehicle_check": ("Vehicle check", "Køretøjstjek", 50, 24, 30_000),
    "statutory_vehicle_inspection": ("Statutory vehicle inspection", "Lovpligtigt syn", 60, 24, None),
    "statutory_emissions_test": ("Statutory emissions test", "Lovpligtig emissionstest", 70, 24, None),
    "air_filter": ("Air filter element", "Luftfilterindsats", 80, 48, 60_000),
    "diesel_filter": ("Diesel filter", "Dieselfilter", 85, 48, 60_000),
    "spark_plugs": ("Spark plugs", "Tændrør", 90, 48, 60_000),
    "microfilter": ("Microfilter (consider further additional job(s) if appropriate)",
                    "Mikrofilter (overvej eventuelt yderligere arbejde)", 100, 24, 30_000),
    "coolant": ("Coolant", "Kølervæske", 110, 48, None),
    "transmission_oil": ("Transmission oil", "Gearolie", 120, 48, 40_000),
    "final_drive_oil": ("Final drive oil", "Olie i bagtræk", 130, 24, 40_000),
}  # fmt: skip

# What a car's chassis needs, whatever its engine; then what each kind of engine adds.
# "Vehicle check" appears twice in the walkthrough's list; it is one position here, shown once.
CAR_CHASSIS = ["front_brake", "brake_fluid", "rear_brake", "vehicle_check",
               "statutory_vehicle_inspection", "microfilter"]  # fmt: skip
PETROL = ["engine_oil", "statutory_emissions_test", "air_filter", "spark_plugs"]
DIESEL = ["engine_oil", "statutory_emissions_test", "air_filter", "diesel_filter", "coolant"]
ELECTRIC: list[str] = []
V12 = [*PETROL, "coolant"]
MOTORCYCLE = ["engine_oil", "front_brake", "brake_fluid", "rear_brake", "vehicle_check",
              "statutory_vehicle_inspection", "air_filter", "spark_plugs"]  # fmt: skip
SHAFT_DRIVE = [*MOTORCYCLE, "final_drive_oil"]
ENGINES = {
    "N54": PETROL, "N52": PETROL, "N20": PETROL, "B38": PETROL, "B46": PETROL, "B48": PETROL,
    "B58": PETROL, "S55": PETROL, "S58": PETROL, "S63": PETROL, "N12": PETROL, "N74": V12,
    "N73": V12, "N47": DIESEL, "N57": DIESEL, "B47": DIESEL, "B57": DIESEL,
    "IB1": ELECTRIC, "HA0001": ELECTRIC, "HA0002": ELECTRIC,
}  # fmt: skip
MOTORCYCLE_ENGINES = {"A12B": SHAFT_DRIVE, "R18B": SHAFT_DRIVE, "S10A": MOTORCYCLE,
                      "F90A": MOTORCYCLE, "G31A": MOTORCYCLE}  # fmt: skip

OPTIONS = {
    "S205A": "Automatic transmission", "S2TB": "Sport automatic transmission",
    "S302A": "Alarm system", "S423A": "Floor mats, velour", "S494A": "Seat heating driver/passenger",
    "S508A": "Park Distance Control (PDC)", "S609A": "Navigation system Professional",
    "S688A": "HiFi speaker system Harman Kardon", "S337A": "M Sport package",
    "S3AG": "Reversing camera", "S403A": "Glass roof, electrical", "S6AC": "Intelligent Emergency Call",
    "S4UR": "Starlight headliner", "S5DC": "Folding exterior mirrors", "S2PA": "Wheel locking bolts",
    "S1CA": "Selection of COP relevant vehicles", "S3AC": "Trailer tow hitch",
    "S5AC": "High-beam assistant", "S4NB": "Automatic air conditioning with 2-zone control",
    "S1MA": "Riding modes Pro", "S2GA": "Comfort package (motorcycle)",
}  # fmt: skip
# code, description, date
RETROFITS = [
    ("6FL", "USB audio interface (retrofit)", date(2011, 4, 12)),
    ("3AC", "Trailer tow hitch, detachable (retrofit)", date(2021, 5, 3)),
    ("6NS", "Smartphone integration (retrofit)", date(2022, 9, 20)),
]
PLATFORMS = {"E": "E89X", "F": "F020", "G": "S15A", "I": "S15A", "K": "K001", "R": "RR01"}
YEAR_CODES = "ABCDEFGHJKLMNPRSTVWXY123456789"  # 2010 = A ... 2030 = Y, then 2031 = 1 (ISO 3779)

WALKTHROUGH_VIN = "WBAUV71070A193748"
WALKTHROUGH: dict[str, Any] = {
    "vin": WALKTHROUGH_VIN, "model_designation": "335i", "lead_model": "UV81",
    "model_code": "UV81", "series": "E91", "engine_type": "N54", "color_code": "475",
    "color_name": "black-sapphire metallic", "upholstery_code": "EBAT",
    "upholstery_name": 'Cloth "Vertex/anthrazit"', "gearbox_number": "0406545",
    "engine_number": "05896959", "production_date": "2008-09-22",
    "first_registration_date": None, "plant_integration_level": "E89X-08-09-520",
    "mileage_km": 129_226, "mileage_recorded_on": "2025-10-14", "number_of_keys": 2,
    "key_system": "CAS",
    "options": [
        {"code": "S205A", "description": OPTIONS["S205A"], "kind": "factory"},
        {"code": "S423A", "description": OPTIONS["S423A"], "kind": "factory"},
        {"code": "S494A", "description": OPTIONS["S494A"], "kind": "factory"},
        {"code": "S508A", "description": OPTIONS["S508A"], "kind": "factory"},
        {"code": "S609A", "description": OPTIONS["S609A"], "kind": "factory"},
        {"code": "6FL", "description": RETROFITS[0][1], "kind": "retrofit",
         "date": RETROFITS[0][2].isoformat()},
    ],
}  # fmt: skip

# The walkthrough vehicle's CBS status, relative to the day the demo is loaded:
# (position, due in days or None, remaining km or None). Oil service due soon, brake fluid overdue.
WALKTHROUGH_CBS = [
    ("engine_oil", 20, 1_400), ("front_brake", None, 21_000), ("brake_fluid", -100, None),
    ("rear_brake", None, 34_500), ("vehicle_check", 20, 1_400),
    ("statutory_vehicle_inspection", 160, None), ("statutory_emissions_test", 160, None),
    ("air_filter", None, 18_200), ("spark_plugs", None, 15_100), ("microfilter", 20, 1_400),
]  # fmt: skip

# wmi, type, plant, serial, designation, model code, series, engine, (colour), (upholstery),
# produced, registered after (days; None: not registered), km, keys, key system, options
V = tuple[str, str, str, int, str, str, str, str, tuple[str, str], tuple[str, str], date,
          int | None, int, int, str, list[str]]  # fmt: skip
BLACK, WHITE, GREY = (
    ("475", "black-sapphire metallic"),
    ("300", "Alpine white"),
    ("B39", "Mineral grey metallic"),
)
BLUE, SILVER = ("C31", "Portimao blue metallic"), ("A83", "Glacier silver metallic")
DAKOTA, VERNASCA = ("LCSW", "Dakota leather black"), ("KHSW", "Vernasca leather black")
SENSATEC, CLOTH = ("KGSW", "Sensatec black"), ("FKSW", "Cloth/Sensatec anthracite")
BASE = ["S1CA", "S423A", "S494A"]
VEHICLES: list[V] = [
    ("WBA", "PK31", "A", 412_307, "320d", "PK31", "E90", "N47", BLACK, DAKOTA, date(2010, 5, 3), 28, 214_550, 2, "CAS", [*BASE, "S205A"]),
    ("WBA", "FR11", "F", 552_190, "530d", "FR11", "F10", "N57", GREY, DAKOTA, date(2012, 2, 14), 35, 187_300, 2, "CAS", [*BASE, "S609A", "S2TB"]),
    ("WBA", "8A51", "F", 873_415, "320i", "8A51", "F30", "N20", WHITE, CLOTH, date(2014, 7, 21), 40, 96_780, 2, "CAS", BASE),
    ("WBA", "8K11", "F", 905_822, "318d Touring", "8K11", "F31", "B47", SILVER, CLOTH, date(2016, 3, 9), 21, 142_010, 2, "CAS", [*BASE, "S3AC"]),
    ("WBA", "5V11", "G", 104_558, "320d", "5V11", "G20", "B47", BLUE, VERNASCA, date(2019, 9, 30), 14, 88_400, 2, "BMW Digital Key", [*BASE, "S2TB", "S3AG"]),
    ("WBA", "5R31", "G", 311_902, "330e", "5R31", "G20", "B46", GREY, VERNASCA, date(2020, 11, 2), 30, 54_120, 2, "Comfort Access", [*BASE, "S2TB"]),
    ("WBA", "JF11", "G", 402_770, "520d", "JF11", "G30", "B47", BLACK, DAKOTA, date(2018, 1, 15), 45, 165_900, 2, "Comfort Access", [*BASE, "S609A", "S5AC"]),
    ("WBA", "JL41", "G", 512_004, "540i xDrive Touring", "JL41", "G31", "B58", WHITE, DAKOTA, date(2021, 4, 19), 12, 61_330, 2, "Comfort Access", [*BASE, "S688A", "S403A"]),
    ("WBA", "7U11", "G", 630_118, "730d xDrive", "7U11", "G11", "B57", BLACK, ("LZFX", "Nappa leather black"), date(2019, 6, 4), 25, 121_640, 2, "Comfort Access", [*BASE, "S688A"]),
    ("WBA", "JG11", "P", 703_551, "sDrive18i", "JG11", "F48", "B38", WHITE, SENSATEC, date(2018, 10, 8), 33, 73_215, 2, "CAS", BASE),
    ("WBA", "JG31", "P", 815_302, "xDrive20d", "JG31", "F48", "B47", GREY, SENSATEC, date(2019, 2, 25), 19, 98_040, 2, "CAS", [*BASE, "S3AC"]),
    ("WBA", "5W11", "P", 815_302, "M340i xDrive", "5W11", "G20", "B58", BLUE, VERNASCA, date(2022, 3, 14), 21, 39_870, 2, "BMW Digital Key", [*BASE, "S337A"]),
    ("WBA", "VS31", "A", 208_746, "525i", "VS31", "E60", "N52", SILVER, DAKOTA, date(2010, 1, 20), 41, 236_100, 2, "CAS", BASE),
    ("5UX", "CR61", "L", 420_915, "X5 xDrive30d", "CR61", "G05", "B57", BLACK, ("MAH7", "Vernasca leather Mocha"), date(2020, 5, 11), 60, 83_400, 2, "BMW Digital Key", [*BASE, "S3AC", "S4NB"]),
    ("5UX", "TY51", "L", 531_287, "X3 xDrive20d", "TY51", "G01", "B47", WHITE, SENSATEC, date(2019, 8, 26), 50, 101_300, 2, "Comfort Access", [*BASE, "S3AC"]),
    ("3MW", "5R11", "M", 144_062, "330i", "5R11", "G20", "B48", BLUE, VERNASCA, date(2021, 7, 1), 55, 47_950, 2, "Comfort Access", [*BASE, "S2TB"]),
    ("LBV", "5U11", "X", 260_477, "325Li", "5U11", "G28", "B48", WHITE, VERNASCA, date(2020, 10, 12), 30, 58_700, 2, "Comfort Access", BASE),
    ("WBY", "7Z21", "V", 512_860, "i3 120Ah", "7Z21", "I01", "IB1", ("C2W", "Fluid black"), ("ATCR", "Cloth Atelier"), date(2019, 4, 3), 22, 64_300, 2, "Comfort Access", ["S1CA", "S494A"]),
    ("WBY", "71AW", "F", 702_418, "i4 eDrive40", "71AW", "G26", "HA0001", GREY, VERNASCA, date(2022, 5, 16), 18, 36_900, 2, "BMW Digital Key", ["S1CA", "S494A", "S3AG"]),
    ("WBY", "21CF", "G", 604_335, "iX xDrive40", "21CF", "I20", "HA0002", WHITE, ("NASW", "Sensafin black"), date(2022, 9, 5), 27, 41_200, 2, "BMW Digital Key", ["S1CA", "S494A", "S688A"]),
    # BMW M
    ("WBS", "31AY", "G", 140_772, "M3 Competition", "31AY", "G80", "S58", ("C3M", "Isle of Man green metallic"), ("X3SW", "Merino full leather black"), date(2021, 6, 28), 14, 29_400, 2, "BMW Digital Key", ["S1CA", "S2TB", "S337A"]),
    ("WBS", "JF01", "G", 222_589, "M5", "JF01", "F90", "S63", BLACK, ("X3SW", "Merino full leather black"), date(2018, 11, 19), 30, 72_100, 2, "Comfort Access", ["S1CA", "S2TB", "S688A"]),
    ("WBS", "2U71", "G", 308_113, "M2 Competition", "2U71", "F87", "S55", ("C31", "Hockenheim silver metallic"), DAKOTA, date(2019, 3, 4), 36, 45_680, 2, "CAS", ["S1CA", "S2TB"]),
    ("5YM", "JU01", "L", 415_066, "X5 M Competition", "JU01", "F95", "S63", BLACK, ("X3SW", "Merino full leather black"), date(2021, 2, 8), 48, 38_250, 2, "BMW Digital Key", ["S1CA", "S2TB", "S3AC"]),
    # MINI
    ("WMW", "XP71", "T", 610_245, "Cooper S", "XP71", "F56", "B48", ("C2Y", "British Racing Green IV"), ("KTE1", "Cloth Firework carbon black"), date(2018, 6, 12), 25, 68_900, 2, "Comfort Access", ["S1CA", "S5DC"]),
    ("WMW", "XU31", "T", 702_911, "Cooper", "XU31", "F55", "B38", ("B86", "Chili Red"), ("KTE1", "Cloth Firework carbon black"), date(2019, 1, 21), 40, 52_340, 2, "Comfort Access", ["S1CA"]),
    ("WMW", "WG31", "T", 318_555, "Cooper Convertible", "WG31", "F57", "B38", ("B19", "Moonwalk grey metallic"), ("KTE1", "Cloth Firework carbon black"), date(2020, 4, 6), 70, 23_700, 2, "Comfort Access", ["S1CA", "S494A"]),
    ("WMW", "SU31", "T", 214_689, "Cooper", "SU31", "R56", "N12", ("851", "Pepper white"), ("A1E1", "Cloth Cosmos black"), date(2010, 3, 29), 31, 176_020, 2, "CAS", ["S1CA"]),
    ("WMZ", "YU51", "3", 512_774, "Cooper D Countryman", "YU51", "F60", "B47", ("C2R", "Island blue metallic"), ("KTE1", "Cloth Firework carbon black"), date(2019, 10, 14), 20, 91_580, 2, "Comfort Access", ["S1CA", "S3AC"]),
    # BMW Motorrad
    ("WB1", "0J41", "Z", 345_918, "R 1250 GS", "0J41", "K50", "A12B", ("N4W", "Light white"), ("", ""), date(2020, 4, 20), 18, 22_140, 2, "Keyless Ride", ["S1MA", "S2GA"]),
    ("WB1", "0J51", "Z", 402_217, "R 1250 GS Adventure", "0J51", "K51", "A12B", ("N1R", "Ice grey"), ("", ""), date(2021, 3, 8), 30, 31_860, 2, "Keyless Ride", ["S1MA"]),
    ("WB1", "0E21", "Z", 118_404, "S 1000 RR", "0E21", "K67", "S10A", ("N1M", "Racing red"), ("", ""), date(2022, 2, 2), 45, 9_870, 2, "Keyless Ride", ["S1MA"]),
    ("WB1", "0K31", "Z", 227_660, "F 900 R", "0K31", "K83", "F90A", ("N0B", "Blackstorm metallic"), ("", ""), date(2020, 6, 15), 28, 18_440, 2, "", []),
    ("WB3", "0G11", "S", 562_009, "G 310 R", "0G11", "K03", "G31A", ("N9P", "Cosmic black"), ("", ""), date(2021, 5, 24), 15, 12_300, 2, "", []),
    ("WB1", "0L11", "Z", 301_876, "R 18", "0L11", "K34", "R18B", ("N5R", "Black storm metallic"), ("", ""), date(2021, 4, 12), 40, 7_650, 2, "Keyless Ride", []),
    # Rolls-Royce Motor Cars
    ("SCA", "1S68", "U", 11_804, "Phantom", "1S68", "RR1", "N73", ("Z11", "Diamond Black"), ("RR0A", "Seashell leather"), date(2010, 9, 13), 60, 62_400, 3, "CAS", ["S1CA", "S4UR"]),
    ("SCA", "665C", "U", 24_512, "Ghost", "665C", "RR4", "N74", ("Z12", "English White"), ("RR1L", "Grace White leather"), date(2015, 6, 1), 45, 48_900, 3, "CAS", ["S1CA", "S4UR"]),
    ("SCA", "665D", "U", 41_077, "Wraith", "665D", "RR5", "N74", ("Z13", "Salamanca Blue"), ("RR2N", "Navy Blue leather"), date(2018, 4, 23), 30, 27_300, 3, "Comfort Access", ["S1CA", "S4UR"]),
]  # fmt: skip


def _vin(wmi: str, type_code: str, produced: date, plant: str, serial: int) -> str:
    year = (
        YEAR_CODES[(produced.year - 2010) % 30]
        if produced.year >= 2010
        else str(produced.year % 10)
    )
    return with_check_digit(f"{wmi}{type_code}00{year}{plant}{serial:06d}")


def _cbs(codes: list[str], today: date, n: int) -> list[dict[str, Any]]:
    """A plausible CBS status: some positions due soon, most fine, one in three overdue."""
    rows = []
    for i, code in enumerate(codes):
        _, _, _, months, interval_km = CBS_POSITIONS[code]
        spread = (n * 7 + i * 5) % 23
        rows.append({
            "position": code,
            "due_date": (today + timedelta(days=spread * 31 - (90 if i % 3 == 0 else 0))).isoformat() if months else None,
            "remaining_km": (interval_km * spread // 23 - (800 if n % 3 == 0 and i == 0 else 0)) if interval_km else None,
        })  # fmt: skip
    return rows


def vehicle_records() -> list[dict[str, Any]]:
    today = clock.today()
    walkthrough_cbs = [
        {"position": code, "remaining_km": km,
         "due_date": None if days is None else (today + timedelta(days=days)).isoformat()}
        for code, days, km in WALKTHROUGH_CBS
    ]  # fmt: skip
    records = [{**WALKTHROUGH, "cbs_status": walkthrough_cbs}]
    for n, row in enumerate(VEHICLES):
        (wmi, type_code, plant, serial, designation, model, series, engine, colour, upholstery,
         produced, registered_after, km, keys, key_system, options) = row  # fmt: skip
        codes = MOTORCYCLE_ENGINES.get(engine) or [*CAR_CHASSIS, *ENGINES[engine]]
        option_rows = [{"code": code, "description": OPTIONS[code], "kind": "factory"}
                       for code in options]  # fmt: skip
        if n % 6 == 1:
            code, description, installed = RETROFITS[1 + n % 2]
            option_rows.append({"code": code, "description": description, "kind": "retrofit",
                                "date": max(installed, produced).isoformat()})  # fmt: skip
        records.append({
            "vin": _vin(wmi, type_code, produced, plant, serial), "model_designation": designation,
            "model_code": model, "lead_model": model, "series": series, "engine_type": engine,
            "color_code": colour[0], "color_name": colour[1], "upholstery_code": upholstery[0],
            "upholstery_name": upholstery[1], "gearbox_number": f"{serial * 7 % 10**7:07d}",
            "engine_number": f"{serial * 13 % 10**8:08d}", "production_date": produced.isoformat(),
            "first_registration_date": (produced + timedelta(days=registered_after)).isoformat()
            if registered_after is not None else None,
            "plant_integration_level": f"{PLATFORMS[series[0]]}-{produced:%y-%m}-{500 + n * 10 % 90}",
            "mileage_km": km, "mileage_recorded_on": "2025-11-03", "number_of_keys": keys,
            "key_system": key_system, "options": option_rows, "cbs_status": _cbs(codes, today, n),
        })  # fmt: skip
    return records


def load_catalogue() -> None:
    for code, (name, name_da, order, months, km) in CBS_POSITIONS.items():
        CbsPosition.objects.update_or_create(
            code=code, defaults={"name": name, "name_da": name_da, "position": order,
                                 "interval_months": months, "interval_km": km},
        )  # fmt: skip
    positions = dict(CbsPosition.objects.values_list("code", "pk"))
    wanted = {("E91", "N54"): [*CAR_CHASSIS, *PETROL]}
    for row in VEHICLES:
        series, engine = row[6], row[7]
        if engine in MOTORCYCLE_ENGINES:
            wanted[(series, engine)] = MOTORCYCLE_ENGINES[engine]
        else:
            wanted[(series, "")] = CAR_CHASSIS  # the chassis positions apply to the whole series
            wanted[(series, engine)] = ENGINES[engine]
    for (series, engine), codes in wanted.items():
        for code in codes:
            CbsApplicability.objects.get_or_create(
                cbs_position_id=positions[code], series=series, engine_type=engine
            )


def load() -> str:
    load_catalogue()
    result = vehicles_import_records(records=vehicle_records(), overwrite_cbs_status=False)
    if result.rejected:
        raise ValueError("demo vehicles refused: " + "; ".join(map(str, result.rejected)))
    return (
        f"{CbsPosition.objects.count()} CBS positions, {result.created} vehicles created, "
        f"{result.updated} updated, {result.unchanged} unchanged"
    )
