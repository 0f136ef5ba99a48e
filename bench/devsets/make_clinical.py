"""Write the clinical PHI development sets (Presidio research format), deterministically.

    python bench/devsets/make_clinical.py [--seed 20231] [--n 400] [--out bench/devsets]

Outputs
  clinical_phi.json       ~400 short clinical texts rendered from ~100 hand-written templates
                          (notes, portal messages, referral letters, discharge summaries, lab slips,
                          claims lines, SOAP snippets, tab/colon forms) with values from the
                          generators below.
  clinical_phi_hard.json  hand-written texts (not templated), spans marked inline as [[TYPE|value]].

Every value is invented: the name pool is hand-written (many origins), identifiers are random.
Distractors (doses, lab values, ICD-10/CPT codes, NCT ids, eponyms, genes, organisms, states,
countries, durations, times of day) are left unlabeled: a redactor must keep them.
Standard library only, so the output depends on the seed and this file alone.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent

# ----------------------------------------------------------------------------- value pools

FIRST = """
Orlaith Marisol Dmitri Chinedu Aoife Kwame Priyanka Thandiwe Mateus Ingrid Farhan Oluwaseun
Siobhan Ignacio Mei-Ling Bartholomew Anneliese Tomasz Yusuf Nkechi Rafael Solveig Hamid Lucinda
Arjun Zofia Emeka Giulia Haruto Leilani Baptiste Rosalind Tariq Imogen Nikolai Xiomara Kenji
Ottilie Adebayo Camila Lorcan Svetlana Dario Fatoumata Ewan Noor Henrik Paloma Jabari Agnieszka
Thiago Ngozi Cormac Yasmin Elspeth Rashid Beatriz Matthias Amara Declan Esperanza Wojciech Keanu
Gwendolyn Shira Obinna Annika Lazaro Hyun-woo Minh Anh Quentin Perpetua Rohan Saoirse Ezekiel
Dagny Jin-Soo Tatiana Florian Chiamaka Ilse Marcelo Winifred Tenzin Radhika Augustin Maren
Bogdan Aisling Kofi Leopold Fenna Dariusz Ines Cyrus Malia Hartmut Zainab Luca Oksana Everett
Precious Sunil Yara Clementine Anselm Nadia Ruairi Sigrid Osvaldo Kalinda Tobias Mirela Desmond
Zoë José Björn Łukasz Renée Søren Ana-María Jean-Luc Şükrü Chloé
""".split()

LAST = """
Hollingbrook Okafor Marchetti Lindqvist Adeyemi Vasquez-Ortega Nakamura Brannigan Kowalczyk
Oyelaran Delacroix Haverford Mbeki Thorsen Castellanos Ruiz-Blanco Fitzwilliam Abernathy Szabo
Ishikawa Mwangi Pellegrino Dubrovnik Achterberg Oduya Carrasquillo Whitlock Rahimi Ferreira
Okonkwo Halloran Bergstrom Tanaka-Reyes Ekwueme Mancuso Villanueva Strathearn Novak Adjei
Van Houten Kristiansen Obi Montgomery-Hale Gallagher Iwasaki Schoenfeld Nwachukwu Bellweather
Papadakis Torvalds Achebe Rosenqvist Mahmoud Kealoha Eastwick Dimitriou Ferraro Ogunleye
Sandoval Hargreave Lindgren Choudhury Petrossian Marlowe Anand Okoro Vukovic Fairbanks Youssef
Brightwater Kaczmarek Nyambura Oliveira Thistlewood Sokolova Amadi Calloway Yamamoto Gutierrez
Wexford Bianchi Hollis Oduro Castell Mistry Farquhar Lindholm Quispe Ashworth Nakashima Onyango
Pemberton Zielinski Acheampong Drummond Vance-Whitaker Ibarra Holloway Kapoor Sandqvist Mbatha
Greaves Nikolaidis Osei Rutherford Valderrama Kimura Ashdown Chowdhury Lachance Ortiz-Romero
Bramwell Takahashi Okeke Wainwright Esposito Ferrante Haddad Nasser Lundgren Mendoza Whitcombe
Bakshi Oyelowo Ravensworth Dunleavy Iheanacho Solberg Marquez Tiernan Gorski Abiodun Vellacott
Müller Núñez Ó'Súilleabháin Jovanović Gonçalves Søndergaard Brontë-Hale Dąbrowski
""".split() + ["O'Neill", "McAllister", "De la Cruz", "van der Berg", "D'Souza", "Ní Bhriain", "St. Clair",
               "Al-Mansouri", "ben Haim", "O'Connor-Hughes"]

# whole names whose order is family-name first or otherwise not first+last
WHOLE_NAMES = ["Nguyen Thi Lan", "Tran Van Minh", "Le Thi Hoa", "Park Ji-yeon", "Wang Xiuying", "Zhang Wei",
               "Kim Min-jun", "Liu Yang", "Pham Quoc Bao", "Haruki Sato", "Abdul Rahman bin Ismail",
               "Siti Nurhaliza binti Osman", "María José García-Lorca", "Jean-Baptiste Kouassi",
               "Mohammed Al-Fayed Hassan", "Oluwadamilare Ogundipe", "Bùi Thị Thu", "Ayşe Yılmaz",
               "Giorgos Papadopoulos", "Sean Ó Briain", "Anh Nguyen-Pham", "Rajesh Kumar Iyer"]

STREET_NAMES = """Cobblestone Maple Oakhurst Juniper Cedar Willowbend Harbor Millstone Quarry Larkspur Sycamore
Fenwick Ashgrove Kestrel Hollowell Birchwood Marlowe Tamarack Bramble Saddleback Foxglove Wexley Pinecrest
Copperfield Elmira Lindenhurst Stonebridge Greyfriars Magnolia Riverside Halsey Thornbury Alder Crestview""".split()
STREET_TYPES = ["Street", "St.", "St", "Avenue", "Ave", "Ave.", "Road", "Rd", "Boulevard", "Blvd", "Lane", "Ln",
                "Drive", "Dr.", "Court", "Ct", "Place", "Way", "Terrace", "Parkway", "Circle", "Trail", "Pike", "Loop",
                "Crossing", "Run"]
UNITS = ["Apt 4B", "Apt. 12", "Apartment 3C", "Suite 210", "Ste 400", "Unit 7", "#12", "Apt #305", "Fl 2", "Unit B"]
INTL_ADDR = ["Hauptstraße {n}", "Lindenweg {n}", "{n} rue des Lilas", "{n}, avenue Victor Hugo", "Calle Mayor {n}, 3º B",
             "Via Roma {n}", "ul. Kwiatowa {n}/3", "Flat 2, {n} Kingsway Road", "{n} Rua das Flores", "Keizersgracht {n}",
             "Vesterbrogade {n}, 2. tv.", "{n} Jalan Bukit Bintang", "Plot {n}, Ring Road", "Avenida Insurgentes Sur {n}"]
US_CITIES = ["Thornbury", "Springfield", "Dayton", "Fresno", "Tacoma", "Bakersfield", "Boise", "Worcester", "Lowell",
             "Schenectady", "Kalamazoo", "Paterson", "Yonkers", "Chula Vista", "Gainesville", "Amarillo", "Pueblo",
             "Duluth", "Burlington", "Ithaca", "Flagstaff", "Spokane", "Macon", "Santa Rosa", "Lake Charles",
             "Sioux Falls", "Brattleboro", "Coralville", "Oxnard", "Hialeah", "Bangor", "Greeley", "Muncie", "Joliet",
             "Round Rock", "El Cajon", "Cedar Rapids", "Passaic", "Eau Claire", "Port St. Lucie", "New Rochelle"]
COUNTIES = ["Cook County", "Kings County", "Maricopa County", "Travis County", "Essex County", "Dane County",
            "Bexar County", "Orange County", "Hennepin County", "Allegheny County"]
INTL_CITIES = ["Rotterdam", "Lyon", "Guadalajara", "Kraków", "Porto", "Aarhus", "Leeds", "Bologna", "Kumasi",
               "Cebu City", "Osaka", "Pune", "Curitiba", "Graz", "Tampere"]
STATES = [("CA", "California"), ("NY", "New York"), ("TX", "Texas"), ("MA", "Massachusetts"), ("IL", "Illinois"),
          ("OH", "Ohio"), ("WA", "Washington"), ("GA", "Georgia"), ("MN", "Minnesota"), ("PA", "Pennsylvania"),
          ("AZ", "Arizona"), ("FL", "Florida"), ("MI", "Michigan"), ("VT", "Vermont"), ("NJ", "New Jersey"),
          ("CO", "Colorado"), ("IA", "Iowa"), ("WI", "Wisconsin"), ("ME", "Maine"), ("LA", "Louisiana")]
COUNTRIES = ["Mexico", "Nigeria", "Vietnam", "Poland", "Brazil", "India", "Germany", "Ghana", "the Philippines",
             "Canada", "Portugal", "Japan", "Kenya", "Guatemala", "Ireland", "Turkey", "Ukraine", "Peru"]

HOSPITALS = ["St. Mary's", "St. Mary's Hospital", "Saint Agnes Medical Center", "UCSF", "UCLA Med Ctr",
             "Cedars-Sinai", "Mass General", "Mt. Sinai", "NY Presbyterian", "Brigham", "Hopkins", "Beth Israel",
             "Kaiser Oakland", "MGH", "BIDMC", "Good Sam", "Stanford Health Care", "Sutter Roseville",
             "Mercy West", "Children's Mercy", "Lurie Children's", "Rush", "Presby", "Northwestern Memorial",
             "Thornbury Regional", "Cobblestone Community Hospital", "Holy Cross", "Sloan Kettering", "Montefiore",
             "Baylor Scott & White", "Ochsner", "Intermountain LDS", "Grady", "Jackson Memorial", "Tufts MC"]
HOSP_PARTS = ["Riverbend", "Lakeshore", "Harborview", "Oakhurst", "Pinecrest", "St. Jude", "Sacred Heart",
              "Good Shepherd", "Valley", "Summit", "Bayfront", "Northside", "Evergreen", "Mercy", "Providence"]
HOSP_SUFFIX = ["Hospital", "Medical Center", "Regional Medical Center", "General Hospital", "Memorial Hospital",
               "Health", "Community Hospital", "Clinic", "Urgent Care", "Family Health Center", "Cancer Center",
               "Rehabilitation Hospital", "Behavioral Health"]

EMAIL_DOMAINS = ["quillmail.com", "examplemail.org", "riverbend-health.org", "postbox.net", "mailfen.io",
                 "lakeshoremed.org", "inboxly.com", "corvidmail.net", "harborview-clinic.com", "fastpost.co.uk"]

DRUGS = ["metformin 500 mg BID", "lisinopril 10 mg daily", "atorvastatin 40 mg qHS", "apixaban 5 mg BID",
         "levothyroxine 88 mcg daily", "sertraline 50 mg", "gabapentin 300 mg TID", "insulin glargine 22 units qHS",
         "amoxicillin-clavulanate 875/125 mg BID", "prednisone 40 mg x5 days", "furosemide 20 mg PO",
         "ondansetron 4 mg IV q6h PRN", "vancomycin 1.25 g IV q12h", "Eliquis 2.5 mg BID", "Ozempic 0.5 mg weekly",
         "acetaminophen 650 mg q6h PRN", "tamsulosin 0.4 mg", "ceftriaxone 1 g IV daily", "warfarin 5 mg (INR 2-3)",
         "Keytruda 200 mg q3w", "Humira 40 mg SC q2w", "albuterol 2 puffs q4h PRN", "KCl 20 mEq PO"]
LABS = ["K 3.5-5.0", "K 4.1", "Na 138", "Cr 1.2 (0.6-1.3)", "HbA1c 7.8%", "WBC 11.2", "Hgb 9.8 g/dL",
        "Plt 212", "TSH 2.4", "LDL 132 mg/dL", "eGFR 58", "INR 2.4", "troponin <0.01", "lactate 2.1",
        "BNP 412 pg/mL", "ALT 45 U/L", "glucose 182", "CRP 14.2 mg/L", "ferritin 12 ng/mL", "PSA 4.6"]
VITALS = ["BP 120/80", "BP 142/91", "HR 60-80", "HR 104", "RR 18", "SpO2 96% RA", "T 38.4 C", "Temp 99.1F",
          "BMI 31.2", "wt 82 kg", "pain 6/10"]
ICD = ["E11.9", "I10", "J44.1", "N18.3", "F32.1", "M54.5", "I48.91", "K21.9", "J18.9", "Z79.4", "C50.911", "G35",
       "R07.9", "E78.5", "O24.419", "L40.0"]
CPT = ["99213", "99214", "93000", "71046", "80053", "36415", "99285", "G0439", "J1100", "45378", "97110"]
NCT = ["NCT04281719", "NCT03817255", "NCT05012345", "NCT02968303", "NCT04470427"]
EPONYMS = ["Crohn's disease", "Hodgkin lymphoma", "Bell's palsy", "Parkinson's disease", "Graves' disease",
           "Cushing syndrome", "Hashimoto thyroiditis", "Guillain-Barré syndrome", "Raynaud phenomenon",
           "Alzheimer's dementia", "Sjögren syndrome", "Addison's disease", "Kawasaki disease", "Wilms tumor",
           "Barrett's esophagus", "Paget disease", "Tourette syndrome", "Marfan syndrome", "Lyme disease",
           "Down syndrome", "Huntington disease", "Ménière's disease", "Osgood-Schlatter", "Kaposi sarcoma"]
GENES = ["BRCA1", "BRCA2", "KRAS G12C", "EGFR exon 19", "TP53", "HER2", "ALK", "MTHFR C677T", "CFTR F508del",
         "JAK2 V617F", "HLA-B27", "APOE e4", "BRAF V600E", "PD-L1"]
ORGANISMS = ["C. difficile", "Candida albicans", "E. coli", "Staph aureus (MRSA)", "Pseudomonas aeruginosa",
             "Klebsiella pneumoniae", "H. pylori", "Streptococcus pneumoniae", "Mycobacterium tuberculosis",
             "Enterococcus faecalis", "Aspergillus fumigatus", "Giardia lamblia"]
DURATIONS = ["for 3 weeks", "x 2 days", "for the past 6 months", "over 48 hours", "for about 10 days",
             "since last spring", "for 2-3 weeks", "for 15 years", "for 4 days", "over the last year"]
TIMES = ["at 14:30", "at 0800", "at 7 am", "around 3:15 pm", "at 23:40", "at noon", "at 06:45", "overnight"]
AGES = ["67-year-old", "54 yo", "32 y/o", "78-year-old", "45-year-old", "8-year-old", "71 yo", "29-year-old"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


class Gen:
    def __init__(self, rng: random.Random):
        self.r = rng

    def c(self, seq):
        return self.r.choice(seq)

    def digits(self, n: int) -> str:
        return "".join(str(self.r.randint(0, 9)) for _ in range(n))

    def letters(self, n: int, alphabet: str = "ABCDEFGHJKLMNPQRSTUVWXYZ") -> str:
        return "".join(self.r.choice(alphabet) for _ in range(n))

    # -- names
    def first(self):
        return self.c(FIRST)

    def last(self):
        return self.c(LAST)

    def full(self):
        r = self.r.random()
        if r < 0.12:
            return self.c(WHOLE_NAMES)
        if r < 0.22:
            return f"{self.first()} {self.letters(1)}. {self.last()}"
        if r < 0.27:
            return f"{self.first()} {self.last()}-{self.last()}"
        return f"{self.first()} {self.last()}"

    def person(self, style: str = "any"):
        if style == "any":
            style = self.r.choices(["full", "last", "first", "comma", "initial", "lower", "upper"],
                                   [45, 12, 10, 10, 10, 7, 6])[0]
        if style == "full":
            return self.full()
        if style == "last":
            return self.last()
        if style == "first":
            return self.first()
        if style == "comma":
            last, first = self.last(), self.first()
            return f"{last.upper()}, {first.upper()}" if self.r.random() < 0.4 else f"{last}, {first}"
        if style == "initial":
            i = self.first()[0]
            return self.c([f"{i}. {self.last()}", f"{i}.{self.letters(1)}. {self.last()}", f"{self.first()} {self.last()[0]}."])
        if style == "lower":
            return self.full().lower()
        if style == "upper":
            return self.full().upper()
        raise ValueError(style)

    # -- places
    def street(self):
        r = self.r.random()
        n = str(self.r.randint(1, 99999) if self.r.random() < 0.8 else self.r.randint(1, 99))
        if r < 0.55:
            s = f"{n} {self.c(STREET_NAMES)} {self.c(STREET_TYPES)}"
            if self.r.random() < 0.35:
                s += self.c([", ", " "]) + self.c(UNITS)
            return s
        if r < 0.65:
            k = self.r.randint(1, 120)
            suf = "th" if 10 <= k % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(k % 10, "th")
            return f"{n} {self.c(['N', 'S', 'E', 'W', 'North', 'West'])} {k}{suf} {self.c(['Street', 'St', 'Ave', 'Avenue'])}"
        if r < 0.75:
            return f"{self.c(['PO Box', 'P.O. Box', 'P. O. Box', 'POB'])} {self.r.randint(10, 99999)}"
        if r < 0.82:
            return f"{n} {self.c(['County Road', 'State Route', 'Rural Route', 'Highway'])} {self.r.randint(1, 300)}"
        return self.c(INTL_ADDR).format(n=self.r.randint(1, 250))

    def city(self):
        return self.c(US_CITIES) if self.r.random() < 0.75 else self.c(COUNTIES + INTL_CITIES)

    def zip(self):
        z = f"{self.r.randint(1001, 99950):05d}"
        return z + f"-{self.digits(4)}" if self.r.random() < 0.25 else z

    # -- dates (never a bare year)
    def date(self, dob: bool = False):
        y = self.r.randint(1931, 2006) if dob else self.r.randint(2019, 2025)
        m, d = self.r.randint(1, 12), self.r.randint(1, 28)
        mon = MONTHS[m - 1]
        ordn = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd"}.get(d, "th")
        forms = [f"{m:02d}/{d:02d}/{y}", f"{m}/{d}/{y % 100:02d}", f"{y}-{m:02d}-{d:02d}", f"{mon[:3]} {d}, {y}",
                 f"{mon[:3]} {d}, '{y % 100:02d}", f"{d:02d}-{mon[:3]}-{y}", f"{d} {mon} {y}", f"{mon} {d}{ordn}",
                 f"{m}/{d}/{y}", f"{mon} {d}, {y}", f"{d}.{m:02d}.{y}", f"{mon[:3]}. {d}", f"{m}/{d}",
                 f"the {d}{ordn} of {mon}", f"{d}{ordn} {mon}", f"{d}-{mon[:3].upper()}-{y % 100:02d}",
                 f"{mon[:3].upper()} {d:02d} {y}", f"{y}{m:02d}{d:02d}"]
        weights = [14, 8, 8, 7, 3, 5, 5, 4, 8, 6, 3, 3, 3, 2, 2, 2, 2, 1]
        if dob:
            weights = [20, 8, 8, 6, 2, 6, 6, 0, 10, 6, 4, 0, 0, 0, 0, 2, 2, 2]
        return self.r.choices(forms, weights)[0]

    def weekday(self):
        return self.c(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"])

    # -- contact
    def phone(self):
        a, b, c = f"{self.r.randint(201, 989)}", f"{self.r.randint(200, 999)}", self.digits(4)
        forms = [f"({a}) {b}-{c}", f"{a}-{b}-{c}", f"{a}.{b}.{c}", f"{a}{b}{c}", f"+1 {a} {b} {c}",
                 f"1-{a}-{b}-{c}", f"{a}-{b}-{c} ext. {self.r.randint(2, 9999)}", f"({a}) {b}-{c} x{self.r.randint(10, 999)}",
                 f"+44 20 {self.digits(4)} {self.digits(4)}", f"+49 30 {self.digits(8)}", f"+33 1 {self.digits(2)} {self.digits(2)} {self.digits(2)} {self.digits(2)}",
                 f"+91 {self.r.randint(70000, 99999)} {self.digits(5)}", f"+52 55 {self.digits(4)} {self.digits(4)}",
                 f"{b}-{c}", f"+1-{a}-{b}-{c}", f"({a}){b}-{c}", f"{a} {b} {c}"]
        return self.r.choices(forms, [12, 12, 6, 4, 5, 4, 5, 3, 2, 2, 2, 2, 1, 3, 2, 2, 3])[0]

    def email(self, name: str | None = None):
        f, l = self.first().lower(), self.last().lower()
        f = re.sub(r"[^a-z]", "", f.encode("ascii", "ignore").decode()) or "pt"
        l = re.sub(r"[^a-z]", "", l.encode("ascii", "ignore").decode()) or "mail"
        local = self.c([f"{f}.{l}", f"{f[0]}{l}", f"{f}_{l}{self.r.randint(1, 99)}", f"{l}.{f[0]}", f"{f}{self.r.randint(1950, 2005)}",
                        f"{f}-{l}", f"{l}{f[:3]}"])
        return f"{local}@{self.c(EMAIL_DOMAINS)}"

    def url(self):
        d = self.c(["riverbendhealth.org", "mychart.lakeshoremed.org", "portal.harborview-clinic.com", "quillmail.com",
                    "pinecrest-peds.org", "thornburyregional.org"])
        return self.c([f"https://{d}/patient/{self.digits(6)}", f"www.{d}", f"http://{d}/billing?acct={self.digits(8)}",
                       f"https://{d}/records/{self.letters(2)}{self.digits(5)}", f"{d}/appt"])

    def ip(self):
        if self.r.random() < 0.85:
            return f"{self.c([10, 172, 192, 203, 73, 98, 24])}.{self.r.randint(0, 255)}.{self.r.randint(0, 255)}.{self.r.randint(1, 254)}"
        return f"2001:db8:{self.r.randint(0, 65535):x}:{self.r.randint(0, 65535):x}::{self.r.randint(1, 255):x}"

    # -- identifiers
    def ssn(self):
        area = self.r.randint(1, 899)
        while area == 666:
            area = self.r.randint(1, 899)
        if self.r.random() < 0.15:
            area = self.r.randint(900, 999)
        g, s = self.r.randint(1, 99), self.r.randint(1, 9999)
        return self.r.choices([f"{area:03d}-{g:02d}-{s:04d}", f"{area:03d}{g:02d}{s:04d}", f"{area:03d} {g:02d} {s:04d}"],
                              [75, 15, 10])[0]

    def mrn(self):
        forms = [f"{self.letters(2)}-{self.digits(6)}", f"{self.c(['SJH', 'MGH', 'UCH', 'BMC', 'RMC'])}-{self.digits(6)}",
                 f"{self.digits(5)}-{self.c(['NYP', 'UCM', 'CMC'])}", f"{self.digits(5)}{self.letters(3)}",
                 f"{self.digits(4)}-{self.digits(4)}", f"{self.digits(3)}-{self.digits(3)}-{self.digits(3)}",
                 f"00{self.digits(6)}", f"{self.letters(2)}-{self.digits(5)}", f"{self.letters(1)}{self.digits(7)}",
                 self.digits(self.r.randint(6, 10)), f"{self.digits(7)}-{self.digits(1)}", f"E{self.digits(9)}"]
        return self.c(forms)

    def hpn(self):
        mbi = (f"{self.r.randint(1, 9)}{self.letters(1, 'ACDEFGHJKMNPQRTUVWXY')}{self.letters(1, 'ACDEFGHJKMNPQRTUVWXY0123456789')}"
               f"{self.r.randint(0, 9)}-{self.letters(1, 'ACDEFGHJKMNPQRTUVWXY')}{self.letters(1, 'ACDEFGHJKMNPQRTUVWXY0123456789')}"
               f"{self.r.randint(0, 9)}-{self.letters(2, 'ACDEFGHJKMNPQRTUVWXY')}{self.digits(2)}")
        forms = [f"{self.letters(1)}{self.digits(4)}-{self.digits(5)}", f"{self.letters(3)}{self.digits(9)}",
                 f"{self.letters(1)}{self.digits(9)}", f"{self.digits(9)}{self.letters(1)}", mbi, mbi.replace("-", ""),
                 f"{self.digits(3)}-{self.digits(3)}-{self.digits(3)}", self.digits(8), f"{self.digits(6)}",
                 f"{self.letters(2)}{self.digits(8)}", f"{self.digits(11)}", f"W{self.digits(9)}",
                 f"{self.letters(3)}-{self.digits(3)}-{self.digits(4)}"]
        return self.c(forms)

    def luhn_complete(self, partial: str) -> str:
        total = 0
        for i, ch in enumerate(reversed(partial)):
            d = int(ch)
            if i % 2 == 0:
                d *= 2
                d = d - 9 if d > 9 else d
            total += d
        return partial + str((10 - total % 10) % 10)

    def card(self):
        num = self.luhn_complete(self.c(["4", "51", "37", "6011"]) + self.digits(self.r.choice([14, 13, 12])))
        num = num[:16] if len(num) > 16 else num
        if len(num) == 16 and self.r.random() < 0.6:
            return " ".join(num[i:i + 4] for i in range(0, 16, 4))
        return num

    def account(self):
        forms = [f"{self.digits(7)}-{self.digits(2)}", self.digits(self.r.randint(8, 12)), f"{self.digits(4)}-{self.digits(5)}",
                 f"{self.letters(2)}{self.digits(8)}", f"{self.digits(3)}-{self.digits(6)}-{self.digits(1)}", f"HB{self.digits(9)}"]
        return self.c(forms)

    def dea(self):
        p = self.c("ABFGM") + self.letters(1)
        d = [self.r.randint(0, 9) for _ in range(6)]
        check = (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10
        return p + "".join(map(str, d)) + str(check)

    def npi(self):
        base = "1" + self.digits(8)
        # Luhn over "80840" + base
        full = self.luhn_complete("80840" + base)
        return base + full[-1]

    def license(self):
        kind = self.r.random()
        if kind < 0.3:
            return "DL", self.c([f"{self.letters(1)}{self.digits(7)}", f"{self.letters(1)}{self.digits(3)}-{self.digits(4)}-{self.digits(4)}",
                                 self.digits(9), f"{self.letters(1)}{self.digits(12)}", f"{self.digits(3)} {self.digits(3)} {self.digits(3)}"])
        if kind < 0.55:
            return "DEA", self.dea()
        if kind < 0.8:
            return "NPI", self.npi()
        return "STATE", self.c([f"{self.letters(1)}{self.digits(5)}", f"MD{self.digits(5)}", f"RN{self.digits(6)}",
                                f"{self.digits(2)}-{self.digits(6)}", f"G{self.digits(5)}", f"{self.letters(3)}.{self.digits(6)}"])

    def other_id(self):
        return self.c([f"{self.letters(1)}{self.digits(2)}-{self.digits(5)}", f"ENC{self.digits(8)}", self.digits(10),
                       f"{self.letters(2)}-{self.r.randint(2019, 2025)}-{self.digits(6)}", f"{self.digits(4)}-{self.digits(6)}",
                       f"V{self.digits(7)}", f"CLM{self.digits(9)}", f"{self.digits(2)}{self.letters(2)}{self.digits(6)}",
                       f"A-{self.digits(5)}", f"{self.digits(12)}"])

    def hospital(self):
        if self.r.random() < 0.55:
            return self.c(HOSPITALS)
        if self.r.random() < 0.15:
            return f"the {self.c(US_CITIES)} clinic"
        return f"{self.c(HOSP_PARTS)} {self.c(HOSP_SUFFIX)}"


# ----------------------------------------------------------------------------- slots
# {SLOT} renders a labeled value; {~slot} an unlabeled distractor; [[a|b|c]] picks one alternative.

def slots(g: Gen) -> dict:
    return {
        # labeled
        "P": ("PERSON", lambda: g.person("any")), "PF": ("PERSON", g.full), "PL": ("PERSON", g.last),
        "PG": ("PERSON", g.first), "PC": ("PERSON", lambda: g.person("comma")), "PI": ("PERSON", lambda: g.person("initial")),
        "PLC": ("PERSON", lambda: g.person("lower")), "PU": ("PERSON", lambda: g.person("upper")),
        "DR": ("PERSON", lambda: g.full() if g.r.random() < 0.45 else g.last()),
        "ADDR": ("STREET_ADDRESS", g.street), "CITY": ("LOCATION", g.city), "ZIP": ("ZIP_CODE", g.zip),
        "DT": ("DATE_TIME", g.date), "DOB": ("DATE_TIME", lambda: g.date(dob=True)), "WD": ("DATE_TIME", g.weekday),
        "PH": ("PHONE_NUMBER", g.phone), "EM": ("EMAIL_ADDRESS", g.email), "SSN": ("US_SSN", g.ssn),
        "MRN": ("MEDICAL_RECORD_NUMBER", g.mrn), "HPN": ("HEALTH_PLAN_NUMBER", g.hpn),
        "ACCT": ("ACCOUNT_NUMBER", g.account), "CARD": ("ACCOUNT_NUMBER", g.card),
        "DL": ("LICENSE_NUMBER", lambda: g.c([f"{g.letters(1)}{g.digits(7)}", f"{g.letters(1)}{g.digits(3)}-{g.digits(4)}-{g.digits(4)}", g.digits(9), f"{g.letters(1)}{g.digits(12)}"])),
        "DEA": ("LICENSE_NUMBER", g.dea), "NPI": ("LICENSE_NUMBER", g.npi), "LIC": ("LICENSE_NUMBER", lambda: g.license()[1]),
        "OID": ("OTHER_ID", g.other_id), "H": ("HOSPITAL", g.hospital), "URL": ("URL", g.url), "IP": ("IP_ADDRESS", g.ip),
        # distractors (unlabeled)
        "~ST": (None, lambda: g.c(STATES)[0 if g.r.random() < 0.6 else 1]), "~STN": (None, lambda: g.c(STATES)[1]),
        "~STA": (None, lambda: g.c(STATES)[0]), "~CO": (None, lambda: g.c(COUNTRIES)),
        "~DRUG": (None, lambda: g.c(DRUGS)), "~LAB": (None, lambda: g.c(LABS)), "~VS": (None, lambda: g.c(VITALS)),
        "~ICD": (None, lambda: g.c(ICD)), "~CPT": (None, lambda: g.c(CPT)), "~NCT": (None, lambda: g.c(NCT)),
        "~EPO": (None, lambda: g.c(EPONYMS)), "~GENE": (None, lambda: g.c(GENES)), "~ORG": (None, lambda: g.c(ORGANISMS)),
        "~DUR": (None, lambda: g.c(DURATIONS)), "~TIME": (None, lambda: g.c(TIMES)), "~AGE": (None, lambda: g.c(AGES)),
        "~YEAR": (None, lambda: str(g.r.randint(1985, 2022))), "~AMT": (None, lambda: f"${g.r.randint(15, 4800)}.{g.digits(2)}"),
        "~SEX": (None, lambda: g.c(["M", "F", "male", "female"])),
    }


# ----------------------------------------------------------------------------- templates
# Each string is one template. Hand-written; shapes deliberately vary.

TEMPLATES = [
    # --- progress / clinic notes
    "{~AGE} [[man|woman|patient]] {PF} seen in clinic on {DT} for follow-up of {~EPO}. Continues {~DRUG}. {~VS}, {~LAB}.",
    "Pt {P} presents c/o chest pain {~DUR}, worse with exertion. Hx {~ICD} (HTN). EKG ({~CPT}) NSR. Plan: troponin {~TIME}.",
    "Seen today with [[her|his]] daughter {R}, who can be reached at {PH}. Patient denies fever; {~VS}.",
    "[[Mr.|Mrs.|Ms.]] {PL} returns after discharge from {H} on {DT}. Wound clean. Stop {~DRUG}; start {~DRUG}.",
    "CC: cough {~DUR}. HPI: {PG} is a {~AGE} with {~EPO} who reports sputum positive for {~ORG}. Lives alone in {CITY}.",
    "Called pt at {PH} re: abnormal {~LAB}; left VM. Will retry {~TIME}. -- {PI}, RN",
    "Patient {PLC} (MRN {MRN}) admitted {DT} with {~ICD}. Dr. {DR} consulted; recommends {~DRUG}.",
    "Interval hx: since visit on {DT}, {PG} has had no further episodes. {~GENE} testing pending. {~VS}.",
    "{PF}, DOB {DOB}, here for annual exam. Screening for {~EPO} negative. A1c goal <7%. Next visit {DT}.",
    "Nursing note {~TIME}: pt resting, {~VS}. Wife {PG} at bedside, asks that updates go to {PH}.",
    "Attending addendum: I saw and examined {P} with Dr. {DR} on {DT} and agree with the plan ({~DRUG}).",
    "Pt reports travel to {~CO} {~DUR}; stool studies sent for {~ORG}. Contact: {EM}.",
    "Telephone encounter {DT} {~TIME}: {PF} called from {PH} asking for a refill of {~DRUG}. Routed to Dr. {DR}.",
    "{~AGE} [[F|M]] referred by Dr. {DR} of {H} for evaluation of {~EPO}; family history of {~GENE} mutation.",
    "Social: lives with partner {PF} at {ADDR}, {CITY}, {~ST} {ZIP}. Quit smoking in {~YEAR}. No EtOH.",
    "Care coordination: transport arranged from {ADDR} to {H} for dialysis on {WD}s {~TIME}.",
    # --- SOAP snippets
    "S: {PG} reports knee pain {~DUR}. O: {~VS}; effusion L knee. A: {~ICD}. P: {~DRUG}, PT eval ({~CPT}).",
    "S: headache. O: {~VS}. A/P: tension HA vs {~EPO}. RTC {DT}. Signed {PI}, MD, NPI {NPI}.",
    "SUBJECTIVE: Patient {P} states [[she|he]] has been taking {~DRUG} as directed.\nOBJECTIVE: {~LAB}; {~LAB}.\nASSESSMENT: improving.\nPLAN: recheck labs on {DT}.",
    "S/O: afebrile, {~VS}. Cx grew {~ORG}. A: UTI. P: {~DRUG}; call {PH} if worse. (Encounter #{OID})",
    # --- discharge summaries
    "DISCHARGE SUMMARY\nPatient: {PC}\nMRN: {MRN}\nAdmit: {DT}  Discharge: {DT}\nDx: {~EPO} ({~ICD})\nDisposition: home with {R}.",
    "Discharge summary for {PF} ({~SEX}, DOB {DOB}). Hospital course: treated for {~ORG} bacteremia with {~DRUG}. Follow up with Dr. {DR} at {H} on {DT}.",
    "Admitted to {H} on {DT} after a fall at home ({ADDR}). CT head negative. Discharged on {DT} to {CITY} Rehab.",
    "Hospital course was notable for {~EPO} flare. Pt's son {PF} (cell {PH}) will assist with meds. Discharge meds: {~DRUG}; {~DRUG}.",
    "D/C instructions sent to {EM}. Return precautions reviewed. PCP: Dr. {DR}, {PH}. Visit ID {OID}.",
    # --- referral letters
    "Dear Dr. {DR},\nThank you for seeing {PF} (DOB {DOB}), a {~AGE} with {~EPO}. [[She|He]] lives in {CITY}, {~ST}. Please call me at {PH}.\nSincerely,\n{PF}, MD",
    "Re: {PC}, MRN {MRN}\nI am referring this patient to {H} for evaluation of {~GENE}-positive disease. Insurance: member ID {HPN}.",
    "To whom it may concern: {PF} has been under my care since {DT} for {~EPO}. [[Kindly|Please]] contact my office at {PH} or {EM}.",
    "Referral: {P} to Cardiology, {H}. Reason: {~VS}, palpitations {~DUR}. Auth # {OID}.",
    "Hi {PG}, I'm forwarding the consult note from Dr. {DR} at {H}. Your next appointment is {DT} {~TIME}.",
    # --- portal / patient messages
    "Hello, this is {PF}. My new address is {ADDR}, {CITY} {ZIP}. Please update my chart.",
    "hi its {PLC}, can i get my {~DRUG} refilled? my pharmacy number changed to {PH}. thx",
    "Message from patient {P}: \"I've had diarrhea {~DUR}, could it be {~ORG} again? Call me at {PH}.\"",
    "Dr. {DR} - my mother {PF} (DOB {DOB}) was seen at {H} yesterday. Can you send the records to {EM}?",
    "Good morning! Just confirming my appointment on {DT}. Also my insurance changed, new member ID is {HPN}. - {PG}",
    "I can't log in to {URL}. My username is {EM}. My date of birth is {DOB}.",
    "Portal msg: pt {PF} asks whether {~GENE} result is back. Replied {DT} {~TIME}.",
    "Dear care team, my husband {PF} has {~EPO} and we moved from {CITY} to {CITY}. Our phone is {PH}.",
    "Hey, this is {PG} {PL}'s sister. {PG} is at {H} since {WD}. Please call {PH}.",
    # --- queries (search / chart queries)
    "find all notes for {PC} dob {DOB}",
    "labs for mrn {MRN} since {DT}",
    "who is the PCP for {PF}? phone {PH}?",
    "patients seen by Dr. {DR} at {H} with {~ICD} between {DT} and {DT}",
    "lookup ssn {SSN}",
    "{PLC} {~DRUG} allergy?",
    "show claims for member {HPN} with CPT {~CPT}",
    # --- lab slips
    "LAB REPORT\nPatient: {PU}   MRN: {MRN}   DOB: {DOB}\nCollected: {DT} {~TIME}\n{~LAB}\n{~LAB}\nOrdering: {PI}, MD",
    "Specimen accession {OID}; received {DT}. Culture: {~ORG}. Susceptible to {~DRUG}. Reported to {PF} by phone.",
    "Pathology: accession no. {OID}. {~EPO}. {~GENE} IHC positive. Pathologist: {PF}, MD. Signed {DT}.",
    "Lab slip - Name: {PC}; Chart #: {MRN}; Test: lipid panel; Result: {~LAB}; Ref range {~LAB}.",
    "Critical value: {~LAB} on {PF} (MR# {MRN}) called to RN {PG} {~TIME} on {DT}.",
    "Genetic testing report for {PF}. Variant: {~GENE}. Sample received {DT}. Lab: {H} Molecular, {CITY}, {~ST}.",
    # --- claims lines
    "CLM {OID} | {PC} | DOS {DT} | CPT {~CPT} | ICD {~ICD} | billed {~AMT} | member {HPN}",
    "Claim #{OID} for {PF}, subscriber # {HPN}, group no. {HPN}, service date {DT}, amount {~AMT}.",
    "EOB: patient {PF}, account {ACCT}, provider NPI {NPI}, allowed {~AMT}, patient responsibility {~AMT}.",
    "Medicaid ID {HPN}; recipient {PC}; DOB {DOB}; county {CITY}.",
    "Payment received by card {CARD} for billing account {ACCT} on {DT}. Thank you, {PF}.",
    "Denied: MBI {HPN} not found. Beneficiary {PF}, DOB {DOB}. Resubmit by {DT}.",
    "Prior auth case no. {OID}: {~DRUG} for {~EPO}, member {PF} ({HPN}). Approved {DT}.",
    # --- forms (colon / tab / pipe)
    "Name:\t{PC}\nDOB:\t{DOB}\nSSN:\t{SSN}\nPhone:\t{PH}\nAddress:\t{ADDR}\nCity:\t{CITY}\nState:\t{~STA}\nZip:\t{ZIP}",
    "Patient Name: {PF}\nDate of Birth: {DOB}\nMRN: {MRN}\nInsurance: Blue Cross, policy #{HPN}\nEmergency Contact: {PF} ({PH})",
    "REGISTRATION | {PU} | {DOB} | {SSN} | {~SEX} | {PH} | {EM}",
    "Guarantor: {PF}\tRelationship: spouse\tSS#: {SSN}\tEmployer phone: {PH}",
    "Provider: {PF}, MD\nNPI: {NPI}\nDEA: {DEA}\nState license: {LIC}\nPractice: {H}\nFax: {PH}",
    "Driver's license: {DL} ({~STA})\nName on license: {PF}\nExpires: {DT}",
    "Emergency contact:\n  Name: {PF}\n  Relation: [[daughter|son|sister|neighbor|husband|wife]]\n  Phone: {PH}\n  Email: {EM}",
    "Intake form - Pt: {P}; Pref. name: {PG}; Social security no. {SSN}; Primary language: [[Spanish|Vietnamese|Polish|Yoruba|English]]; Born in {~CO}.",
    "Visit ID: {OID}\nArrival: {DT} {~TIME}\nTriage: {~VS}, {~VS}\nChief complaint: {~EPO} flare\nAttending: {DR}",
    "Acct #: {ACCT}   Enc #: {OID}   Pt: {PC}   Fin class: Medicare   HICN: {HPN}",
    "PATIENT: {PU}\nMED REC NO.: {MRN}\nROOM: 4B\nDIET: cardiac\nALLERGIES: penicillin",
    "Consent signed by {PF} on {DT}; witness {PF}. Study {~NCT}.",
    # --- misc narrative with distractors
    "Enrolled in trial {~NCT} on {DT}. Randomized to {~DRUG}. Coordinator {PF} ({EM}).",
    "Genetic counseling: {PG} carries {~GENE}; sister {PF} tested negative. Mother died of {~EPO} at 61.",
    "Family hx: father with {~EPO}, mother with {~EPO}. Patient {PF} from {CITY}, originally from {~CO}.",
    "ID consult: {~ORG} on blood cultures x2 drawn {DT}. Recommend {~DRUG} {~DUR}. Discussed with Dr. {DR}.",
    "Wound care at {ADDR} by home health nurse {PF} on {WD}s. Supplies billed to account {ACCT}.",
    "MRN {MRN} / encounter {OID}: patient left AMA {~TIME}; security notified; last known phone {PH}.",
    "Transferred from {H} ({CITY}) to {H} on {DT} for ECMO. Bed assigned by {PI}.",
    "Immunizations: Tdap given {DT}; influenza given {DT}. Lot numbers in MAR. Recorded by {PG} {PL}.",
    "Dental referral for {P}: resides at {ADDR}, {CITY}, {~STN}. Medicaid ID {HPN}.",
    "Letter mailed to {PC} at {ADDR}, {CITY}, {~STA} {ZIP} on {DT} regarding {~LAB}.",
    "Remote monitoring: device check-in from IP {IP} on {DT} {~TIME}; {~VS}. Pt {PF}.",
    "Audit: record {MRN} accessed from {IP} by user {EM} on {DT}.",
    "Video visit link sent to {EM}: {URL}. Pt {PF} joined {~TIME}.",
    "Results released to MyChart ({URL}) on {DT}. {~LAB}; {~LAB}. No action needed per Dr. {DR}.",
    "Pharmacy note: Rx for {~DRUG} written by {PI} (DEA {DEA}) for {PF}, DOB {DOB}.",
    "Verified identity by DL# {DL} and SSN last four. Patient {PF}, {ADDR}.",
    "Pt's husband {PF} is the health care proxy; HCP form dated {DT}; phone {PH}, alt {PH}.",
    "Chaplain visit requested by family ({PF}, {EM}). Pt is {~AGE}, {~EPO}.",
    "Pediatric note: {PG} ({~AGE}) brought by mother {PF}. Weight {~VS}. Vaccines up to date. School: {CITY} Elementary.",
    "OB: G2P1 at 32 wks, {~ICD}. EDD {DT}. Partner {PF}. Delivering at {H}.",
    "Psych: {PF} reports low mood {~DUR}; PHQ-9 = 17. Safety plan reviewed; crisis line and sister {PG} ({PH}).",
    "Oncology: [[Hodgkin lymphoma|Kaposi sarcoma|Wilms tumor|Burkitt lymphoma|Ewing sarcoma]] stage II, {~GENE}. C3D1 of {~DRUG} on {DT}. Next cycle {DT}. Pt {PL} tolerating well.",
    "Radiology: CXR {~CPT} {DT} - no acute process. Compared to prior from {H} dated {DT}. Read by {PF}, MD.",
    "PT eval ({~CPT}): {PG} ambulates 150 ft with walker. Home: 2-story house at {ADDR}, 12 steps.",
    "Incident report: visitor {PF} (phone {PH}) slipped in lobby of {H} {~TIME} on {DT}.",
    "Transport: ambulance from {ADDR} in {CITY} to {H}. Crew lead {PF}. Run # {OID}.",
    "Medication reconciliation with [[daughter|son]] {PF} by phone ({PH}): {~DRUG}, {~DRUG}, {~DRUG}.",
    "Billing question from {PF}: statement for account {ACCT} shows {~AMT} for {~CPT} on {DT}.",
    "The patient, {PF}, is a {~AGE} [[retired teacher|bus driver|nurse|engineer|farmer]] from {CITY}, {~STN}, with {~EPO} diagnosed in {~YEAR}.",
    "Please fax records for {PC} (DOB {DOB}, MRN {MRN}) to {PH}, attn: {PF}.",
    "Neighbor {PG} found pt on floor {~TIME}; EMS called from {PH}. Pt lives at {ADDR}.",
    "Chart review {DT}: {~ICD}, {~ICD}. Seen previously at {H} and at {H}.",
    "Follow-up in {CITY} clinic on {DT} with {PF}, NP. Bring glucose log ({~LAB}).",
    "Case management: {PF} lost coverage; new plan member # {HPN}, group {HPN}. Social work: {PF}.",
    "Workers' comp claim {OID} for {PF}; employer contact {PF}, {PH}; injury date {DT}.",
    "SSN {SSN} on file does not match SSA record for {PF}; asked pt to bring card. Zip on file {ZIP}.",
    "Collections: {PC}, {ADDR}, {CITY} {~STA} {ZIP}, acct {ACCT}, social [[security no.|sec #|security number]] {SSN}, balance {~AMT}.",
    "Login alert: user {EM} signed in from {IP} and from {IP} within 5 min; portal {URL}.",
    "Form W-9 for patient refund: payee {PF}, TIN/SSN {SSN}, mail to {ADDR}, {CITY}, {~STN} {ZIP}.",
    "Telehealth consent: {PF} joined from {IP} ({~STN}); session link {URL}; backup phone {PH}.",
    "Autopay set up for billing account {ACCT} with card {CARD}; receipt to {EM}.",
    "Release of information to attorney {PF}, {ADDR}, {CITY}, {~STA} {ZIP}; request dated {DT}.",
]


def render(template: str, g: Gen, table: dict) -> tuple[str, list[dict]]:
    template = re.sub(r"\[\[([^\]]+)\]\]", lambda m: g.c(m.group(1).split("|")), template)
    text, spans = "", []
    for part in re.split(r"(\{~?[A-Z]+\})", template):
        m = re.fullmatch(r"\{(~?[A-Z]+)\}", part)
        if not m:
            text += part
            continue
        label, fn = table[m.group(1)]
        value = fn()
        if label:
            spans.append({"entity_type": label, "entity_value": value, "start_position": len(text),
                          "end_position": len(text) + len(value)})
        text += value
    return text, spans


def make_main(seed: int, n: int) -> list[dict]:
    rng = random.Random(seed)
    g = Gen(rng)
    table = slots(g)
    table["R"] = ("PERSON", lambda: g.full() if rng.random() < 0.6 else g.first())
    order = []
    while len(order) < n:
        block = list(range(len(TEMPLATES)))
        rng.shuffle(block)
        order += block
    out = []
    for t in order[:n]:
        text, spans = render(TEMPLATES[t], g, table)
        out.append({"full_text": text, "spans": spans, "template_id": t})
    return out


# ----------------------------------------------------------------------------- hand-written hard set

def parse_marked(s: str) -> dict:
    text, spans, pos = "", [], 0
    for m in re.finditer(r"\[\[([A-Z_]+)\|(.+?)\]\]", s):
        text += s[pos:m.start()]
        value = m.group(2)
        spans.append({"entity_type": m.group(1), "entity_value": value, "start_position": len(text),
                      "end_position": len(text) + len(value)})
        text += value
        pos = m.end()
    text += s[pos:]
    return {"full_text": text, "spans": spans}


def write_marked(texts: list[str], name: str) -> None:
    """Label `[[TYPE|value]]`-marked texts (parse_marked), check every offset, write NAME beside this file."""
    import json
    from collections import Counter

    data = [parse_marked(s) for s in texts]
    for i, rec in enumerate(data):
        if "[[" in rec["full_text"] or "]]" in rec["full_text"]:
            raise ValueError(f"{name} record {i}: a mark is left unclosed")
        for s in rec["spans"]:
            if s["entity_value"] != s["entity_value"].strip():
                raise ValueError(f"{name} record {i}: a {s['entity_type']} span starts or ends with a space")
            assert rec["full_text"][s["start_position"]:s["end_position"]] == s["entity_value"]
    (HERE / name).write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    c = Counter(s["entity_type"] for r in data for s in r["spans"])
    print(f"{name}: {len(data)} texts, {sum(c.values())} spans: " + ", ".join(f"{k} {v}" for k, v in c.most_common()))


def make_hard() -> list[dict]:
    from hard_texts import HARD  # noqa: E402  (sibling module of hand-written texts)

    return [parse_marked(s) for s in HARD]


def make_forms() -> list[dict]:
    from forms_texts import FORMS  # noqa: E402  (sibling module of hand-written documents)

    return [parse_marked(s) for s in FORMS]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=20231)
    ap.add_argument("--n", type=int, default=400)
    ap.add_argument("--out", type=Path, default=HERE)
    args = ap.parse_args()
    main_set = make_main(args.seed, args.n)
    for rec in main_set:
        for s in rec["spans"]:
            assert rec["full_text"][s["start_position"]:s["end_position"]] == s["entity_value"]
    (args.out / "clinical_phi.json").write_text(json.dumps(main_set, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    import sys
    sys.dont_write_bytecode = True
    sys.path.insert(0, str(HERE))
    hard = make_hard()
    (args.out / "clinical_phi_hard.json").write_text(json.dumps(hard, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    forms = make_forms()
    (args.out / "clinical_forms.json").write_text(json.dumps(forms, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    from collections import Counter
    for name, data in (("clinical_phi.json", main_set), ("clinical_phi_hard.json", hard), ("clinical_forms.json", forms)):
        c = Counter(s["entity_type"] for r in data for s in r["spans"])
        print(f"{name}: {len(data)} texts, {sum(c.values())} spans: " + ", ".join(f"{k} {v}" for k, v in c.most_common()))


if __name__ == "__main__":
    main()
