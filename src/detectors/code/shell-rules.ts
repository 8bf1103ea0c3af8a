/**
 * Shell rules: fetching code into an interpreter, reverse shells, destructive deletes and disk
 * wipes, fork bombs, opening up permissions, reading credential files, crypto miners, and
 * covering tracks. Each regex is short and local; rules combine them by position (see code-scan.ts).
 */
import type { CodeScan, Token } from "./code-scan.js";
import type { CodeRule } from "./rule-types.js";
import { hit } from "./hit.js";

// ---- tokens -------------------------------------------------------------------------------

/** A pipe into a shell or script interpreter: | sh, | sudo bash, | /bin/zsh, | python3. */
const PIPE_TO_INTERPRETER =
  /\|[ \t]{0,4}(?:sudo[ \t]{1,4}(?:-[a-zA-Z]{1,3}[ \t]{1,4}){0,3})?(?:\/(?:usr\/)?(?:local\/)?bin\/)?((?:ba|z|da|k|fi|tc|c|a)?sh|python[23]?|perl|ruby|node|php)\b/g;
/** Arguments after a non-shell interpreter that still mean "run what comes on stdin". */
const STDIN_ARGS = /^[ \t]*(?:-[ \t]*)?(?:$|[;&|)\n"'`])/;
const PIPE_TO_IEX = /\|[ \t]{0,4}(?:iex|invoke-expression)\b/gi;
const IEX = /\b(?:iex|invoke-expression)\b/gi;
const DOWNLOADER =
  /\b(?:curl|wget|fetch|aria2c|iwr|irm|invoke-webrequest|invoke-restmethod|downloadstring|downloadfile|net\.webclient|start-bitstransfer|certutil(?:\.exe)?[ \t]{1,4}-urlcache)\b/gi;
/** Keywords DOWNLOADER can start with (it is run only where one of them occurs). */
const DOWNLOADER_KEYWORDS = [
  "curl",
  "wget",
  "fetch",
  "aria2c",
  "iwr",
  "irm",
  "invoke-webrequest",
  "invoke-restmethod",
  "downloadstring",
  "downloadfile",
  "net.webclient",
  "start-bitstransfer",
  "certutil",
];
const DECODER =
  /\b(?:base64[ \t]{1,4}(?:-d|--decode|-D)|xxd[ \t]{1,4}-r(?:p|[ \t]{1,4}-p)?|openssl[ \t]{1,4}(?:enc[ \t]{1,4})?(?:-d|base64[ \t]{1,4}-d))(?=[\s|;&]|$)/g;
/** bash <(curl ...), sh -c "$(wget ...)", eval "$(curl ...)". */
const SUBSHELL_FETCH =
  /\b(?:(?:ba|z|da|k)?sh|eval|source)[ \t]{1,4}(?:-c[ \t]{1,4})?["']?(?:<|\$)\([ \t]{0,4}(?:curl|wget|fetch)\b/g;

const DEV_TCP = /\/dev\/(?:tcp|udp)\/[\w.-]{1,253}\/\d{1,5}/g;
const NETCAT = /\b(?:nc|ncat|netcat)(?:\.traditional|\.openbsd|\.exe)?\b/g;
const EXEC_FLAG =
  /[ \t]-{1,2}(?:e|c|exec|sh-exec)(?:[ \t]{1,4}|=)["']?(?:\/(?:usr\/)?bin\/)?(?:(?:ba|z|da|k)?sh|cmd(?:\.exe)?|powershell(?:\.exe)?)\b/gi;
const SOCAT = /\bsocat\b/g;
const SOCAT_EXEC =
  /\b(?:exec|system):["']?(?:\/(?:usr\/)?bin\/)?(?:(?:ba|z|da|k)?sh|cmd(?:\.exe)?|powershell)\b/gi;
const MKFIFO = /\bmkfifo\b/g;
const SHELL_BIN = /\/bin\/(?:ba|z|da)?sh\b|\b(?:ba)?sh[ \t]{1,4}-i\b/g;
const SPAWN =
  /\bos\.dup2[ \t]{0,4}\(|\bpty\.spawn[ \t]{0,4}\(|\bsubprocess\.(?:call|Popen|run)[ \t]{0,4}\([ \t]{0,4}\[?[ \t]{0,4}["'](?:\/bin\/)?(?:ba)?sh\b|\b(?:exec|system|spawn)[ \t]{0,4}\(?[ \t]{0,4}["']\/bin\/(?:ba|z)?sh\b|\.GetStream[ \t]{0,4}\([ \t]{0,4}\)|\bproc_open[ \t]{0,4}\(/gi;
const SOCKET =
  /\bsocket\.socket\b|\bsocket[ \t]{0,4}\(|\bTCPSocket\b|\bfsockopen[ \t]{0,4}\(|\bNet\.Sockets\.TCPClient\b|\bIO::Socket\b|\bnew[ \t]{1,4}Socket[ \t]{0,4}\(/gi;

/** rm with options, then a critical target followed by the end of the argument. */
const RM =
  /\brm[ \t]{1,4}((?:-[a-zA-Z-]{1,20}[ \t]{1,4}){1,6})(\/|~|\$HOME|\$\{HOME\}|\*|\.\/\*|\/(?:etc|usr|var|bin|sbin|boot|home|lib|lib32|lib64|opt|root|sys|proc|dev|srv|mnt|media|Users|System|Library)|[A-Za-z]:\\)(\/?\*?)(?=$|[\s;&|'"`)])/g;
const RECURSIVE = /(?:^|\s)-[a-zA-Z]*[rR]|--recursive\b/;
const NO_PRESERVE_ROOT = /--no-preserve-root\b/g;
const RM_WORD = /\brm\b/g;
const WIN_DEL =
  /\b(?:rd|rmdir|del|erase)[ \t]{1,4}(?:\/[sSqQfF][ \t]{1,4}){1,4}[A-Za-z]:\\?\*?(?=$|[\s;&|'"])/g;
const RECURSE_FLAG = /-recurse/i;
const REMOVE_ITEM =
  /\bRemove-Item[ \t]{1,4}(?:-[A-Za-z]{1,20}[ \t]{1,4}){1,4}["']?[A-Za-z]:\\["']?(?=$|[\s;&|])/gi;

const DISK = /\/dev\/(?:sd[a-z]|hd[a-z]|xvd[a-z]|vd[a-z]|nvme\d|mmcblk\d|disk\d|md\d)/g;
const DD_TO_DISK = /\bof=\/dev\/(?:sd[a-z]|hd[a-z]|xvd[a-z]|vd[a-z]|nvme\d|mmcblk\d|disk\d|md\d|mapper\/)/g;
const REDIRECT_TO_DISK = />[ \t]{0,4}\/dev\/(?:sd[a-z]|hd[a-z]|xvd[a-z]|vd[a-z]|nvme\d|mmcblk\d)\b/g;
const DISK_TOOL =
  /\b(?:mkfs(?:\.[a-z0-9]{1,10})?|shred|wipefs|blkdiscard|sgdisk[ \t]{1,4}--zap-all)(?=[ \t])/g;
const FORMAT_DRIVE = /\bformat[ \t]{1,4}[A-Za-z]:(?=$|[\s;&|/])/gi;

/** "(){" of a shell function definition; the name before it and the body after are checked in code. */
const FUNCTION_OPEN = /\([ \t]?\)[ \t]{0,3}\{/g;
const NAME_CHAR = /[A-Za-z0-9_:]/;
/** Body of a fork bomb, anchored right after "(){": name | name & */
const FORK_BODY =
  /[ \t]{0,3}([A-Za-z_:][A-Za-z0-9_]{0,30})[ \t]{0,3}\|[ \t]{0,3}([A-Za-z_:][A-Za-z0-9_]{0,30})[ \t]{0,3}&/y;
const BATCH_FORK_BOMB = /%0[ \t]{0,3}\|[ \t]{0,3}%0/g;
const LOOP_FORK =
  /\bwhile[ \t]{0,3}\(?[ \t]{0,3}(?:true|True|1)[ \t]{0,3}\)?[ \t]{0,3}[:{]?\s{0,20}(?:os\.)?fork[ \t]{0,3}\([ \t]{0,3}\)/g;

const CHMOD_OPEN =
  /\bchmod[ \t]{1,4}(?:-[a-zA-Z-]{1,12}[ \t]{1,4}){0,3}(?:0?777|a\+rwx|ugo\+rwx|o\+w)[ \t]{1,4}(?:-[a-zA-Z-]{1,12}[ \t]{1,4}){0,2}(\/|~|\/(?:etc|usr|var|bin|sbin|boot|home|root|lib)(?:\/shadow|\/passwd|\/sudoers)?)\/?(?=$|[\s;&|'"`)])/g;
const SETUID_SHELL =
  /\bchmod[ \t]{1,4}(?:[ugoa]{0,3}\+s|[2467][0-7]{3})[ \t]{1,4}\/(?:usr\/)?bin\/(?:ba|z|da)?sh\b/g;

const CREDENTIAL_FILE =
  /\/etc\/(?:shadow|gshadow|sudoers|master\.passwd)\b|\.ssh\/(?:id_(?:rsa|dsa|ecdsa|ed25519)(?:_sk)?|identity)\b(?!\.pub)|\.aws\/credentials\b|\/proc\/(?:self|\d{1,7})\/environ\b|\.git-credentials\b|\.netrc\b|\.pgpass\b|\.docker\/config\.json\b|\.kube\/config\b|\.config\/gcloud\/(?:credentials\.db|application_default_credentials\.json)|\.azure\/accessTokens\.json\b|\bwp-config\.php\b/g;
const ENV_FILE = /(?:^|[\s'"=/(])(\.env(?:\.[a-z]{1,12})?)(?=$|[\s'"`;|&)])/g;
/** Tools that use a key file without reading it out. */
const KEY_TOOL =
  /\bssh-(?:keygen|add|copy-id)\b|\b(?:ssh|scp|sftp)[ \t]{1,4}(?:-[a-zA-Z][ \t]{1,4}\S{1,100}[ \t]{1,4}){0,4}-i\b/g;
const READER =
  /\b(?:cat|less|head|tail|cp|scp|rsync|base64|xxd|curl|wget|nc|tar|zip|get-content|grep|awk|sed|vim?|nano|read_file|readfile|file_get_contents|fopen)\b/gi;

const MINER =
  /\b(?:xmrig|xmr-stak|minerd|cpuminer(?:-multi|-opt)?|cgminer|bfgminer|ethminer|nbminer|lolminer|phoenixminer|nanominer|srbminer(?:-multi)?|kdevtmpfsi|kinsing|nicehashminer)\b/gi;
const STRATUM = /\bstratum\+(?:tcp|ssl|tls):\/\//gi;

const HISTORY_OFF =
  /\bunset[ \t]{1,4}HISTFILE\b|\bHISTFILE=\/dev\/null\b|\b(?:export[ \t]{1,4})?HIST(?:FILE)?SIZE=0\b|\bset[ \t]{1,4}\+o[ \t]{1,4}history\b|\bSet-PSReadLineOption[ \t]{1,4}-HistorySaveStyle[ \t]{1,4}SaveNothing\b/gi;
const HISTORY_CLEAR = /\bhistory[ \t]-c\b/g;
const HISTORY_FILE = /\.(?:bash|zsh|sh)_history\b|\bConsoleHost_history\.txt\b/g;
const WIPER = /\b(?:shred|rm|truncate|unlink)\b|\/dev\/null|>/g;
const LOGGING_OFF =
  /\bauditctl[ \t]{1,4}-D\b|\b(?:systemctl|service)[ \t]{1,4}(?:stop|disable|mask)[ \t]{1,4}(?:auditd|rsyslog|syslog|syslog-ng|systemd-journald|journald)\b|\bservice[ \t]{1,4}(?:auditd|rsyslog|syslog)[ \t]{1,4}stop\b|\bwevtutil(?:\.exe)?[ \t]{1,4}(?:cl|clear-log)\b|\bClear-EventLog\b|\bauditpol[ \t]{1,4}\/clear\b/gi;
const VAR_LOG = /\/var\/log\b/g;
const LOG_WIPER = /\b(?:shred|truncate|unlink)\b|\brm[ \t]{1,4}-[a-zA-Z]{0,4}[rf]|>/g;

export const PATTERNS: readonly RegExp[] = [
  PIPE_TO_INTERPRETER,
  STDIN_ARGS,
  PIPE_TO_IEX,
  IEX,
  DOWNLOADER,
  DECODER,
  SUBSHELL_FETCH,
  DEV_TCP,
  NETCAT,
  EXEC_FLAG,
  SOCAT,
  SOCAT_EXEC,
  MKFIFO,
  SHELL_BIN,
  SPAWN,
  SOCKET,
  RM,
  RECURSIVE,
  NO_PRESERVE_ROOT,
  RM_WORD,
  WIN_DEL,
  RECURSE_FLAG,
  REMOVE_ITEM,
  DISK,
  DD_TO_DISK,
  REDIRECT_TO_DISK,
  DISK_TOOL,
  FORMAT_DRIVE,
  FUNCTION_OPEN,
  NAME_CHAR,
  FORK_BODY,
  BATCH_FORK_BOMB,
  LOOP_FORK,
  CHMOD_OPEN,
  SETUID_SHELL,
  CREDENTIAL_FILE,
  ENV_FILE,
  KEY_TOOL,
  READER,
  MINER,
  STRATUM,
  HISTORY_OFF,
  HISTORY_CLEAR,
  HISTORY_FILE,
  WIPER,
  LOGGING_OFF,
  VAR_LOG,
  LOG_WIPER,
];

// ---- helpers ------------------------------------------------------------------------------

/** For every anchor token, the nearest token of `before` ending before it on the same line within `reach` characters. */
function eachWithBefore(
  scan: CodeScan,
  anchors: Token[],
  before: Token[],
  reach: number,
  fn: (a: Token, b: Token) => void,
): void {
  if (before.length === 0) return;
  for (const a of anchors) {
    const [from] = scan.window(a.start, reach, 0);
    const b = scan.lastBefore(before, from, a.start);
    if (b) fn(a, b);
  }
}

// ---- rules --------------------------------------------------------------------------------

const pipeToShell: CodeRule = {
  labels: ["pipe-to-shell", "decode-to-shell"],
  lang: "shell",
  keywords: [...DOWNLOADER_KEYWORDS, "base64", "xxd", "openssl", "iex", "invoke-expression"],
  find(scan, out) {
    const sev = { exec: 0.9, text: 0.75 };
    const downloads = scan.anchored(DOWNLOADER, DOWNLOADER_KEYWORDS);
    const decodes = scan.anchored(DECODER, ["base64", "xxd", "openssl"]);
    if (downloads.length === 0 && decodes.length === 0) return;
    const interpreterReadsStdin = (a: Token): boolean => {
      const name = (a.m[1] as string).toLowerCase();
      return name.endsWith("sh") || STDIN_ARGS.test(scan.text.slice(a.end, a.end + 40));
    };
    const pipes = scan.tokens(PIPE_TO_INTERPRETER);
    eachWithBefore(scan, pipes, downloads, 400, (a, b) => {
      if (interpreterReadsStdin(a))
        hit(out, scan, "pipe-to-shell", b.start, a.end, sev, "downloaded code piped into an interpreter");
    });
    eachWithBefore(scan, pipes, decodes, 400, (a, b) => {
      if (interpreterReadsStdin(a))
        hit(out, scan, "decode-to-shell", b.start, a.end, sev, "decoded payload piped into an interpreter");
    });
    if (downloads.length === 0) return;
    eachWithBefore(scan, scan.tokens(PIPE_TO_IEX), downloads, 400, (a, b) => {
      hit(out, scan, "pipe-to-shell", b.start, a.end, sev, "downloaded code piped into Invoke-Expression");
    });
    for (const a of scan.anchored(IEX, ["iex", "invoke-expression"])) {
      const [, to] = scan.window(a.start, 0, 200);
      const b = scan.first(downloads, a.end, to);
      if (b) hit(out, scan, "pipe-to-shell", a.start, b.end, sev, "Invoke-Expression of downloaded code");
    }
    for (const t of scan.tokens(SUBSHELL_FETCH))
      hit(out, scan, "pipe-to-shell", t.start, t.end, sev, "shell runs downloaded code");
  },
};

const reverseShell: CodeRule = {
  labels: ["reverse-shell"],
  lang: "shell",
  keywords: [
    "/dev/tcp/",
    "/dev/udp/",
    "nc ",
    "nc.",
    "ncat",
    "netcat",
    "socat",
    "mkfifo",
    "dup2",
    "pty.spawn",
    "subprocess",
    "/bin/sh",
    "/bin/bash",
    "getstream",
    "proc_open",
  ],
  find(scan, out) {
    const sev = { exec: 0.95, text: 0.85 };
    for (const t of scan.anchored(DEV_TCP, ["/dev/tcp/", "/dev/udp/"]))
      hit(out, scan, "reverse-shell", t.start, t.end, sev, "shell redirected to a network socket");
    const netcat = scan.anchored(NETCAT, ["nc ", "nc.", "ncat", "netcat"]);
    if (netcat.length > 0) {
      eachWithBefore(scan, scan.tokens(EXEC_FLAG), netcat, 200, (a, b) =>
        hit(out, scan, "reverse-shell", b.start, a.end, sev, "netcat executing a shell"),
      );
      for (const a of scan.anchored(MKFIFO, ["mkfifo"])) {
        const [, to] = scan.window(a.start, 0, 300);
        const nc = scan.first(netcat, a.end, to);
        const sh = scan.first(SHELL_BIN, a.end, to);
        if (nc && sh)
          hit(
            out,
            scan,
            "reverse-shell",
            a.start,
            Math.max(nc.end, sh.end),
            sev,
            "named pipe between netcat and a shell",
          );
      }
    }
    const socat = scan.anchored(SOCAT, ["socat"]);
    if (socat.length > 0)
      eachWithBefore(scan, scan.tokens(SOCAT_EXEC), socat, 300, (a, b) =>
        hit(out, scan, "reverse-shell", b.start, a.end, sev, "socat executing a shell"),
      );
    // Script one-liners: a socket and a shell spawned on it, within a few hundred characters.
    const spawns = scan.tokens(SPAWN);
    if (spawns.length === 0) return;
    const sockets = scan.tokens(SOCKET);
    for (const a of spawns) {
      const [from, to] = scan.window(a.start, 600, 600, false);
      const s = scan.first(sockets, from, to);
      if (s)
        hit(
          out,
          scan,
          "reverse-shell",
          Math.min(s.start, a.start),
          Math.max(s.end, a.end),
          { exec: 0.9, text: 0.8 },
          "socket wired to a shell",
        );
    }
  },
};

const WIN_DEL_KEYWORDS = ["rd ", "rd\t", "rmdir ", "rmdir\t", "del ", "del\t", "erase ", "erase\t"];

const destructiveDelete: CodeRule = {
  labels: ["recursive-delete"],
  lang: "shell",
  keywords: ["rm ", "rm\t", "--no-preserve-root", ...WIN_DEL_KEYWORDS, "remove-item"],
  find(scan, out) {
    for (const t of scan.anchored(RM, ["rm ", "rm\t"])) {
      const flags = t.m[1] as string;
      const target = t.m[2] as string;
      const noPreserve = flags.includes("--no-preserve-root");
      if (!RECURSIVE.test(flags) && !noPreserve) continue;
      // "rm -rf *" empties the working directory: often meant, still dangerous to run blindly.
      const local = target === "*" || target === "./*";
      const sev = local ? { exec: 0.75, text: 0.45 } : { exec: 0.95, text: 0.8 };
      hit(
        out,
        scan,
        "recursive-delete",
        t.start,
        t.end,
        sev,
        local ? "recursive delete of everything here" : "recursive delete of a critical path",
      );
    }
    const noPreserve = scan.anchored(NO_PRESERVE_ROOT, ["--no-preserve-root"]);
    if (noPreserve.length > 0) {
      eachWithBefore(scan, noPreserve, scan.anchored(RM_WORD, ["rm ", "rm\t"]), 100, (a, b) =>
        hit(
          out,
          scan,
          "recursive-delete",
          b.start,
          a.end,
          { exec: 0.95, text: 0.8 },
          "rm told not to protect /",
        ),
      );
    }
    for (const t of scan.anchored(WIN_DEL, WIN_DEL_KEYWORDS))
      hit(
        out,
        scan,
        "recursive-delete",
        t.start,
        t.end,
        { exec: 0.95, text: 0.8 },
        "recursive delete of a drive",
      );
    for (const t of scan.anchored(REMOVE_ITEM, ["remove-item"])) {
      if (RECURSE_FLAG.test(t.m[0]))
        hit(
          out,
          scan,
          "recursive-delete",
          t.start,
          t.end,
          { exec: 0.95, text: 0.8 },
          "recursive delete of a drive",
        );
    }
  },
};

const DISK_KEYWORDS = [
  "/dev/sd",
  "/dev/hd",
  "/dev/nvme",
  "/dev/xvd",
  "/dev/vd",
  "/dev/mmcblk",
  "/dev/disk",
  "/dev/md",
];
const DISK_TOOLS = ["mkfs", "shred", "wipefs", "blkdiscard", "sgdisk"];

const diskWipe: CodeRule = {
  labels: ["disk-wipe"],
  lang: "shell",
  keywords: ["of=/dev/", ...DISK_KEYWORDS, ...DISK_TOOLS, "format ", "format\t"],
  find(scan, out) {
    // Formatting a disk is routine administration when asked about, destructive when executed.
    const sev = { exec: 0.9, text: 0.45 };
    for (const t of scan.anchored(DD_TO_DISK, ["of=/dev/"]))
      hit(out, scan, "disk-wipe", t.start, t.end, sev, "raw write to a disk device");
    const disks = scan.anchored(DISK, DISK_KEYWORDS);
    for (const d of disks) {
      // "> /dev/sda": look back over blanks for the redirection.
      let i = d.start;
      while (
        i > 0 &&
        d.start - i < 4 &&
        (scan.text.charCodeAt(i - 1) === 32 || scan.text.charCodeAt(i - 1) === 9)
      )
        i--;
      if (i > 0 && scan.text.charCodeAt(i - 1) === 62 && scan.matchAt(REDIRECT_TO_DISK, i - 1))
        hit(out, scan, "disk-wipe", i - 1, d.end, sev, "output redirected onto a disk device");
    }
    for (const a of scan.anchored(DISK_TOOL, DISK_TOOLS)) {
      const [, to] = scan.window(a.start, 0, 120);
      const d = scan.first(disks, a.end, to);
      if (d) hit(out, scan, "disk-wipe", a.start, d.end, sev, "disk formatted or wiped");
    }
    for (const t of scan.anchored(FORMAT_DRIVE, ["format ", "format\t"]))
      hit(out, scan, "disk-wipe", t.start, t.end, sev, "drive formatted");
  },
};

const forkBomb: CodeRule = {
  labels: ["fork-bomb"],
  lang: "shell",
  keywords: ["()", "( )", "(\t)", "%0", "fork"],
  find(scan, out) {
    const sev = { exec: 0.95, text: 0.8 };
    // name(){ name|name& }: the function pipes itself into a background copy of itself.
    const text = scan.text;
    for (const t of scan.anchored(FUNCTION_OPEN, ["()", "( )", "(\t)"])) {
      let i = t.start;
      while (i > 0 && (text.charCodeAt(i - 1) === 32 || text.charCodeAt(i - 1) === 9) && t.start - i < 3) i--;
      const nameEnd = i;
      while (i > 0 && nameEnd - i < 31 && NAME_CHAR.test(text[i - 1] as string)) i--;
      const name = text.slice(i, nameEnd);
      if (name.length === 0) continue;
      const body = scan.matchAt(FORK_BODY, t.end);
      if (body && body[1] === name && body[2] === name)
        hit(out, scan, "fork-bomb", i, t.end + body[0].length, sev, "fork bomb");
    }
    for (const t of scan.anchored(BATCH_FORK_BOMB, ["%0"]))
      hit(out, scan, "fork-bomb", t.start, t.end, sev, "batch fork bomb");
    if (scan.at("fork").length > 0)
      for (const t of scan.tokens(LOOP_FORK))
        hit(out, scan, "fork-bomb", t.start, t.end, sev, "endless fork loop");
  },
};

const openPermissions: CodeRule = {
  labels: ["world-writable-root", "setuid-shell"],
  lang: "shell",
  keywords: ["chmod"],
  find(scan, out) {
    for (const t of scan.anchored(CHMOD_OPEN, ["chmod"]))
      hit(
        out,
        scan,
        "world-writable-root",
        t.start,
        t.end,
        { exec: 0.85, text: 0.6 },
        "system path made world-writable",
      );
    for (const t of scan.anchored(SETUID_SHELL, ["chmod"]))
      hit(out, scan, "setuid-shell", t.start, t.end, { exec: 0.9, text: 0.7 }, "setuid shell");
  },
};

const credentialFiles: CodeRule = {
  labels: ["credential-file"],
  lang: "shell",
  keywords: [
    "/etc/shadow",
    "/etc/gshadow",
    "/etc/sudoers",
    "master.passwd",
    ".ssh/",
    ".aws/credentials",
    "/environ",
    ".git-credentials",
    ".netrc",
    ".pgpass",
    ".docker/config",
    ".kube/config",
    "gcloud/",
    ".azure/",
    "wp-config",
    ".env",
  ],
  find(scan, out) {
    const reads = (start: number): boolean => {
      const [from] = scan.window(start, 120, 0);
      return scan.lastBefore(READER, from, start) !== undefined;
    };
    for (const t of scan.tokens(CREDENTIAL_FILE)) {
      const r = reads(t.start);
      const [from] = scan.window(t.start, 200, 0);
      if (!r && scan.lastBefore(KEY_TOOL, from, t.start)) continue;
      hit(
        out,
        scan,
        "credential-file",
        t.start,
        t.end,
        r ? { exec: 0.85, text: 0.6 } : { exec: 0.7, text: 0.3 },
        r ? "credential file read" : "credential file named",
      );
    }
    // ".env" is everywhere in documentation: only reading it counts, and less.
    if (scan.at(".env").length === 0) return;
    for (const t of scan.tokens(ENV_FILE)) {
      const name = t.m[1] as string;
      const start = t.end - name.length;
      if (reads(start))
        hit(out, scan, "credential-file", start, t.end, { exec: 0.7, text: 0.4 }, "environment file read");
    }
  },
};

const MINER_KEYWORDS = [
  "xmrig",
  "xmr-stak",
  "minerd",
  "cpuminer",
  "cgminer",
  "bfgminer",
  "ethminer",
  "nbminer",
  "lolminer",
  "phoenixminer",
  "nanominer",
  "srbminer",
  "kdevtmpfsi",
  "kinsing",
  "nicehashminer",
];

const cryptoMiner: CodeRule = {
  labels: ["crypto-miner"],
  lang: "shell",
  keywords: [...MINER_KEYWORDS, "stratum+"],
  find(scan, out) {
    const miners = scan.anchored(MINER, MINER_KEYWORDS);
    if (miners.length > 0) {
      const downloads = scan.anchored(DOWNLOADER, DOWNLOADER_KEYWORDS);
      for (const t of miners) {
        const [from, to] = scan.window(t.start, 300, 300);
        const dl = scan.lastBefore(downloads, from, t.start) ?? scan.first(downloads, t.end, to);
        hit(
          out,
          scan,
          "crypto-miner",
          dl ? Math.min(dl.start, t.start) : t.start,
          dl ? Math.max(dl.end, t.end) : t.end,
          dl ? { exec: 0.9, text: 0.7 } : { exec: 0.6, text: 0.35 },
          dl ? "crypto miner downloaded" : "crypto miner named",
        );
      }
    }
    for (const t of scan.anchored(STRATUM, ["stratum+"]))
      hit(out, scan, "crypto-miner", t.start, t.end, { exec: 0.85, text: 0.6 }, "mining pool address");
  },
};

const coverTracks: CodeRule = {
  labels: ["disable-history", "disable-logging"],
  lang: "shell",
  keywords: [
    "histfile",
    "histsize",
    "+o history",
    "history -c",
    "history\t-c",
    "_history",
    "historysavestyle",
    "auditctl",
    "auditd",
    "syslog",
    "journald",
    "wevtutil",
    "clear-eventlog",
    "auditpol",
    "/var/log",
  ],
  find(scan, out) {
    for (const t of scan.tokens(HISTORY_OFF))
      hit(
        out,
        scan,
        "disable-history",
        t.start,
        t.end,
        { exec: 0.8, text: 0.45 },
        "shell history turned off",
      );
    // Clearing one's own history is an everyday question; doing it inside an agent's command is not.
    for (const t of scan.anchored(HISTORY_CLEAR, ["history -c", "history\t-c"]))
      hit(out, scan, "disable-history", t.start, t.end, { exec: 0.7, text: 0.3 }, "shell history cleared");
    const histFiles = scan.tokens(HISTORY_FILE);
    if (histFiles.length > 0)
      eachWithBefore(scan, histFiles, scan.tokens(WIPER), 100, (a, b) =>
        hit(out, scan, "disable-history", b.start, a.end, { exec: 0.8, text: 0.45 }, "history file wiped"),
      );
    for (const t of scan.tokens(LOGGING_OFF))
      hit(
        out,
        scan,
        "disable-logging",
        t.start,
        t.end,
        { exec: 0.85, text: 0.45 },
        "system logging or auditing stopped",
      );
    const logs = scan.anchored(VAR_LOG, ["/var/log"]);
    if (logs.length > 0)
      eachWithBefore(scan, logs, scan.tokens(LOG_WIPER), 100, (a, b) =>
        hit(
          out,
          scan,
          "disable-logging",
          b.start,
          a.end,
          { exec: 0.6, text: 0.35 },
          "system logs deleted or truncated",
        ),
      );
  },
};

export const SHELL_RULES: readonly CodeRule[] = [
  pipeToShell,
  reverseShell,
  destructiveDelete,
  diskWipe,
  forkBomb,
  openPermissions,
  credentialFiles,
  cryptoMiner,
  coverTracks,
];
