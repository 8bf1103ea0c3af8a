/** Whether a listen address is reachable only from this machine. */
import { isIP } from "node:net";

export function isLoopbackHost(host: string): boolean {
  const h = host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
  if (h === "localhost") return true;
  if (isIP(h) === 4) return h.split(".")[0] === "127";
  if (isIP(h) === 6) return h === "::1" || h.toLowerCase() === "::ffff:127.0.0.1";
  return false;
}
