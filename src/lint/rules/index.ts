// The rule catalogue: one import per file in this folder (the meta-test keeps it complete).
import type { Rule } from "../rule.js";
import FT001 from "./FT001.js";
import FT002 from "./FT002.js";
import FT003 from "./FT003.js";
import FT004 from "./FT004.js";
import FT005 from "./FT005.js";
import FT006 from "./FT006.js";
import FT007 from "./FT007.js";
import FT008 from "./FT008.js";
import FT009 from "./FT009.js";
import FT010 from "./FT010.js";
import FT011 from "./FT011.js";
import FT012 from "./FT012.js";
import FT013 from "./FT013.js";
import FT014 from "./FT014.js";
import FT015 from "./FT015.js";
import FT016 from "./FT016.js";
import FT017 from "./FT017.js";
import FT018 from "./FT018.js";
import FT020 from "./FT020.js";
import FT021 from "./FT021.js";
import FT022 from "./FT022.js";
import FT023 from "./FT023.js";
import FT024 from "./FT024.js";
import FT030 from "./FT030.js";
import FT031 from "./FT031.js";
import FT032 from "./FT032.js";
import FT034 from "./FT034.js";
import FT035 from "./FT035.js";
import FT036 from "./FT036.js";
import FT037 from "./FT037.js";
import FT038 from "./FT038.js";
import FT039 from "./FT039.js";
import FT040 from "./FT040.js";
import FT041 from "./FT041.js";
import FT042 from "./FT042.js";
import FT043 from "./FT043.js";
import FT044 from "./FT044.js";
import FT045 from "./FT045.js";
import FT046 from "./FT046.js";
import FT047 from "./FT047.js";
import FT048 from "./FT048.js";
import FT050 from "./FT050.js";
import FT051 from "./FT051.js";
import FT052 from "./FT052.js";
import FT053 from "./FT053.js";
import FT054 from "./FT054.js";
import FT055 from "./FT055.js";
import FT056 from "./FT056.js";
import FT057 from "./FT057.js";
import FT058 from "./FT058.js";
import FT059 from "./FT059.js";
import FT05A from "./FT05A.js";
import FT05B from "./FT05B.js";
import FT05C from "./FT05C.js";
import FT05D from "./FT05D.js";
import FT05E from "./FT05E.js";
import FT05F from "./FT05F.js";
import FT060 from "./FT060.js";
import FT061 from "./FT061.js";
import FT062 from "./FT062.js";
import FT063 from "./FT063.js";
import FT064 from "./FT064.js";
import FT065 from "./FT065.js";
import FT066 from "./FT066.js";
import FT067 from "./FT067.js";
import FT070 from "./FT070.js";
import FT071 from "./FT071.js";
import FT072 from "./FT072.js";
import FT073 from "./FT073.js";
import FT074 from "./FT074.js";
import FT075 from "./FT075.js";
import FT076 from "./FT076.js";
import FT077 from "./FT077.js";
import FT078 from "./FT078.js";
import FT080 from "./FT080.js";
import FT081 from "./FT081.js";
import FT082 from "./FT082.js";
import FT083 from "./FT083.js";
import FT084 from "./FT084.js";
import FT090 from "./FT090.js";
import FT091 from "./FT091.js";
import FT093 from "./FT093.js";
import FT100 from "./FT100.js";
import FT101 from "./FT101.js";
import FT103 from "./FT103.js";
import FT104 from "./FT104.js";
import FT105 from "./FT105.js";
import FT110 from "./FT110.js";
import FT111 from "./FT111.js";
import FT113 from "./FT113.js";
import FT120 from "./FT120.js";
import FT121 from "./FT121.js";
import FT122 from "./FT122.js";
import FT123 from "./FT123.js";
import FT124 from "./FT124.js";
import FT125 from "./FT125.js";
import FT126 from "./FT126.js";
import FT127 from "./FT127.js";

export const ALL_RULES: readonly Rule[] = [
  FT001,
  FT002,
  FT003,
  FT004,
  FT005,
  FT006,
  FT007,
  FT008,
  FT009,
  FT010,
  FT011,
  FT012,
  FT013,
  FT014,
  FT015,
  FT016,
  FT017,
  FT018,
  FT020,
  FT021,
  FT022,
  FT023,
  FT024,
  FT030,
  FT031,
  FT032,
  FT034,
  FT035,
  FT036,
  FT037,
  FT038,
  FT039,
  FT040,
  FT041,
  FT042,
  FT043,
  FT044,
  FT045,
  FT046,
  FT047,
  FT048,
  FT050,
  FT051,
  FT052,
  FT053,
  FT054,
  FT055,
  FT056,
  FT057,
  FT058,
  FT059,
  FT05A,
  FT05B,
  FT05C,
  FT05D,
  FT05E,
  FT05F,
  FT060,
  FT061,
  FT062,
  FT063,
  FT064,
  FT065,
  FT066,
  FT067,
  FT070,
  FT071,
  FT072,
  FT073,
  FT074,
  FT075,
  FT076,
  FT077,
  FT078,
  FT080,
  FT081,
  FT082,
  FT083,
  FT084,
  FT090,
  FT091,
  FT093,
  FT100,
  FT101,
  FT103,
  FT104,
  FT105,
  FT110,
  FT111,
  FT113,
  FT120,
  FT121,
  FT122,
  FT123,
  FT124,
  FT125,
  FT126,
  FT127,
];
