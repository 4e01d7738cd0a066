/** Top-level standard-library modules of Python 3.10–3.14 (sys.stdlib_module_names, public ones), used to classify imports. */
export const STDLIB = new Set(
  `__future__ _thread abc aifc argparse array ast asynchat asyncio asyncore atexit audioop base64 bdb binascii bisect builtins bz2
calendar cgi cgitb chunk cmath cmd code codecs codeop collections colorsys compileall concurrent configparser contextlib contextvars
copy copyreg cProfile crypt csv ctypes curses dataclasses datetime dbm decimal difflib dis distutils doctest email encodings ensurepip
enum errno faulthandler fcntl filecmp fileinput fnmatch fractions ftplib functools gc getopt getpass gettext glob graphlib grp gzip
hashlib heapq hmac html http idlelib imaplib imghdr imp importlib inspect io ipaddress itertools json keyword lib2to3 linecache
locale logging lzma mailbox mailcap marshal math mimetypes mmap modulefinder msilib msvcrt multiprocessing netrc nis nntplib ntpath
numbers opcode operator optparse os ossaudiodev pathlib pdb pickle pickletools pipes pkgutil platform plistlib poplib posix posixpath
pprint profile pstats pty pwd py_compile pyclbr pydoc pyexpat queue quopri random re readline reprlib resource rlcompleter runpy sched
secrets select selectors shelve shlex shutil signal site smtpd smtplib sndhdr socket socketserver spwd sqlite3 sre_compile
sre_constants sre_parse ssl stat statistics string stringprep struct subprocess sunau symtable sys sysconfig syslog tabnanny tarfile
telnetlib tempfile termios textwrap threading time timeit tkinter token tokenize tomllib trace traceback tracemalloc tty turtle
types typing unicodedata unittest urllib uu uuid venv warnings wave weakref webbrowser winreg winsound wsgiref xdrlib xml xmlrpc
zipapp zipfile zipimport zlib zoneinfo annotationlib compression string.templatelib`.split(/\s+/),
);

/** Removed from the standard library: module → the Python version that removed it. */
export const REMOVED: Record<string, string> = {
  distutils: "3.12",
  imp: "3.12",
  asynchat: "3.12",
  asyncore: "3.12",
  smtpd: "3.12",
  ...Object.fromEntries("aifc audioop cgi cgitb chunk crypt imghdr mailcap msilib nis nntplib ossaudiodev pipes sndhdr spwd sunau telnetlib uu xdrlib lib2to3".split(" ").map((m) => [m, "3.13"])),
};

/** Import name → distribution name, for the common cases where they differ. */
export const IMPORT_TO_DIST: Record<string, string[]> = {
  yaml: ["pyyaml"],
  dateutil: ["python-dateutil"],
  psycopg2: ["psycopg2-binary", "psycopg2"],
  MySQLdb: ["mysqlclient"],
  jwt: ["pyjwt"],
  gnupg: ["python-gnupg"],
  bs4: ["beautifulsoup4"],
  PIL: ["pillow"],
  dotenv: ["python-dotenv"],
  snowflake: ["snowflake-connector-python", "snowflake-sqlalchemy"],
  sklearn: ["scikit-learn"],
  cv2: ["opencv-python", "opencv-python-headless"],
  Crypto: ["pycryptodome"],
  Cryptodome: ["pycryptodomex"],
  OpenSSL: ["pyopenssl"],
  ldap: ["python-ldap"],
  magic: ["python-magic"],
  docx: ["python-docx"],
  pptx: ["python-pptx"],
  attr: ["attrs"],
  google: [],
  azure: [],
  jose: ["python-jose"],
  kafka: ["kafka-python"],
  confluent_kafka: ["confluent-kafka"],
  pymysql: ["pymysql"],
  cx_Oracle: ["cx-oracle"],
  oracledb: ["oracledb"],
  pymongo: ["pymongo"],
  bson: ["pymongo"],
  gridfs: ["pymongo"],
  zeep: ["zeep"],
  simple_salesforce: ["simple-salesforce"],
  googleapiclient: ["google-api-python-client"],
  google_auth_oauthlib: ["google-auth-oauthlib"],
  sshtunnel: ["sshtunnel"],
  paramiko: ["paramiko"],
  pysftp: ["pysftp"],
  boto3: ["boto3"],
  botocore: ["botocore", "boto3"],
  pyarrow: ["pyarrow"],
  pandas: ["pandas"],
  numpy: ["numpy", "pandas"],
  duckdb: ["duckdb"],
  redis: ["redis"],
  elasticsearch: ["elasticsearch"],
  jaydebeapi: ["jaydebeapi"],
  ibm_db: ["ibm-db"],
  pyodbc: ["pyodbc"],
  sqlalchemy: ["sqlalchemy"],
  pydruid: ["pydruid"],
  thrift: ["thrift"],
  tenacity: ["tenacity"],
  backoff: ["backoff"],
  msal: ["msal"],
  oauthlib: ["oauthlib"],
  requests_oauthlib: ["requests-oauthlib"],
  xmltodict: ["xmltodict"],
  lxml: ["lxml"],
  openpyxl: ["openpyxl"],
  pytz: ["pytz"],
  tzlocal: ["tzlocal"],
  dateparser: ["dateparser"],
  pendulum: ["pendulum"],
  arrow: ["arrow"],
  grpc: ["grpcio"],
  faker: ["faker"],
  websocket: ["websocket-client"],
  serial: ["pyserial"],
  usb: ["pyusb"],
  fitz: ["pymupdf"],
  Levenshtein: ["python-levenshtein", "levenshtein"],
  git: ["gitpython"],
  jinja2: ["jinja2"],
  markdown: ["markdown"],
  slack_sdk: ["slack-sdk"],
  stripe: ["stripe"],
  shopify: ["shopifyapi"],
  hubspot: ["hubspot-api-client"],
  clickhouse_connect: ["clickhouse-connect"],
  cassandra: ["cassandra-driver"],
  neo4j: ["neo4j"],
  influxdb_client: ["influxdb-client"],
  couchbase: ["couchbase"],
  firebase_admin: ["firebase-admin"],
  pysnmp: ["pysnmp"],
  smbclient: ["smbprotocol"],
  smbprotocol: ["smbprotocol"],
  pyspark: ["pyspark"],
  trino: ["trino"],
  teradatasql: ["teradatasql"],
  vertica_python: ["vertica-python"],
  hdbcli: ["hdbcli"],
  databricks: ["databricks-sql-connector", "databricks-sdk"],
};

/** Distributions used through another package (drivers, plugins): never "unused". */
export const PLUGIN_DISTS = new Set([
  "thrift-sasl",
  "sasl",
  "pyarrow",
  "python-calamine",
  "openpyxl",
  "xlrd",
  "fastparquet",
  "pyopenssl",
  "cryptography",
  "certifi",
  "tzdata",
  "setuptools",
  "wheel",
  "psycopg2-binary",
  "pymysql",
  "snowflake-sqlalchemy",
  "sqlalchemy",
  "lxml",
  "html5lib",
  "s3fs",
  "gcsfs",
]);

export const REQUESTS_DEPS = new Set(["urllib3", "certifi", "idna", "charset_normalizer"]);
export const PREINSTALLED = new Set(["requests", "fivetran_connector_sdk"]);
/**
 * Import names the SDK's own dependencies provide wherever it is installed (Requires-Dist of
 * fivetran-connector-sdk 3.0.0 and fivetran-connector-sdk-core 0.1.0: cryptography, tqdm,
 * prompt-toolkit, pathspec, typing-extensions, duckdb, requests), so the import resolves.
 */
export const SDK_DEPS = new Set(["cryptography", "tqdm", "prompt_toolkit", "pathspec", "typing_extensions", "duckdb", "cffi"]);
export const DRIVER_DISTS = new Set(["pyodbc", "mysqlclient", "cx-oracle", "jaydebeapi", "jpype1", "ibm-db", "psycopg2", "python-ldap"]);

/** The distributions an import's top-level name can come from. */
export function distsFor(topLevel: string, fullModule: string): string[] {
  if (topLevel === "google") {
    const parts = fullModule.split(".");
    if (parts[1] === "cloud" && parts[2]) return [`google-cloud-${parts[2].replace(/_/g, "-")}`, "google-cloud"];
    if (parts[1] === "oauth2" || parts[1] === "auth") return ["google-auth", "google-auth-oauthlib"];
    if (parts[1] === "protobuf") return ["protobuf"];
    return [`google-${parts[1] ?? ""}`.replace(/_/g, "-"), "google-api-python-client", "google-auth", "googleads"];
  }
  if (topLevel === "azure") {
    const parts = fullModule.split(".");
    return [["azure", ...parts.slice(1)].join("-").replace(/_/g, "-"), `azure-${parts[1] ?? ""}`, `azure-${parts.slice(1, 3).join("-")}`];
  }
  const mapped = IMPORT_TO_DIST[topLevel];
  return [...(mapped ?? []), topLevel.toLowerCase().replace(/_/g, "-")];
}

function squash(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "")
    .replace(/^(python|py)(?=.{3})/, "")
    .replace(/(python|client|sdk|binary|api)$/, "");
}

/**
 * Loose match between an import name and a declared distribution for the names the map does
 * not know (pulsar / pulsar-client, arango / python-arango): a missed ImportError is cheaper
 * than an error on a correct connector.
 */
export function looselyProvides(dist: string, importName: string): boolean {
  const a = squash(dist);
  const b = squash(importName);
  if (a.length < 3 || b.length < 3) return a === b;
  if (a === b || a.startsWith(b) || b.startsWith(a)) return true;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i >= 6;
}
