// A small XML element reader for the pieces the CAMT cutter hands over (one statement header or
// one Ntry): nested objects keyed by local name (namespace prefixes dropped), text as strings,
// attributes under "@name", a child's text beside its attributes under "#text". Names in
// `arrays` are always arrays. fast-xml-parser builds the same shape but took 42 µs per entry
// here against about 4 µs for this (bench/RESULTS.md); an entry is small, well-formed XML with
// no mixed content, which is all this reads. Malformed input throws an Error with the reason.

import { decodeEntities } from "./parse-statement-values";

export type XmlNode = { [name: string]: XmlValue };
export type XmlValue = string | XmlNode | XmlValue[];

const NAME_END = /[\s/>]/g;
const ATTRIBUTE = /([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function localName(name: string): string {
  const colon = name.indexOf(":");
  return colon === -1 ? name : name.slice(colon + 1);
}

/** The element(s) of `xml` as an object keyed by the top element's local name. */
export function parseXmlElement(xml: string, arrays: ReadonlySet<string>): XmlNode {
  const root: XmlNode = {};
  const stack: { node: XmlNode; name: string; text: string; hasChildren: boolean; attributes: boolean }[] = [{ node: root, name: "", text: "", hasChildren: true, attributes: false }];
  let pos = 0;
  const length = xml.length;
  while (pos < length) {
    const lt = xml.indexOf("<", pos);
    if (lt === -1) {
      stack[stack.length - 1].text += xml.slice(pos);
      break;
    }
    if (lt > pos) stack[stack.length - 1].text += xml.slice(pos, lt);
    const next = xml.charCodeAt(lt + 1);
    if (next === 33 /* ! */) {
      if (xml.startsWith("<![CDATA[", lt)) {
        const end = xml.indexOf("]]>", lt + 9);
        if (end === -1) throw new Error("a CDATA section is not closed");
        stack[stack.length - 1].text += xml.slice(lt + 9, end).replace(/&/g, "&amp;").replace(/</g, "&lt;");
        pos = end + 3;
      } else {
        const end = xml.indexOf("-->", lt + 4);
        if (end === -1) throw new Error("a comment is not closed");
        pos = end + 3;
      }
      continue;
    }
    if (next === 63 /* ? */) {
      const end = xml.indexOf("?>", lt + 2);
      if (end === -1) throw new Error("a processing instruction is not closed");
      pos = end + 2;
      continue;
    }
    const gt = xml.indexOf(">", lt + 1);
    if (gt === -1) throw new Error("a tag is not closed");
    if (next === 47 /* / */) {
      const name = localName(xml.slice(lt + 2, gt).trim());
      const open = stack.pop()!;
      if (stack.length === 0 || open.name !== name) throw new Error(`</${name}> closes <${open.name || "nothing"}>`);
      close(open, stack[stack.length - 1].node, arrays);
      pos = gt + 1;
      continue;
    }
    const selfClosing = xml.charCodeAt(gt - 1) === 47;
    const body = xml.slice(lt + 1, selfClosing ? gt - 1 : gt);
    NAME_END.lastIndex = 0;
    const nameEnd = NAME_END.exec(body)?.index ?? body.length;
    const name = localName(body.slice(0, nameEnd));
    const node: XmlNode = {};
    let attributes = false;
    if (nameEnd < body.length) {
      ATTRIBUTE.lastIndex = nameEnd;
      for (let m = ATTRIBUTE.exec(body); m; m = ATTRIBUTE.exec(body)) {
        if (m[1].startsWith("xmlns")) continue;
        node[`@${localName(m[1])}`] = decodeEntities(m[2] ?? m[3] ?? "");
        attributes = true;
      }
    }
    stack[stack.length - 1].hasChildren = true;
    const frame = { node, name, text: "", hasChildren: false, attributes };
    if (selfClosing) close(frame, stack[stack.length - 1].node, arrays);
    else stack.push(frame);
    pos = gt + 1;
  }
  if (stack.length > 1) throw new Error(`<${stack[stack.length - 1].name}> is not closed`);
  return root;
}

function close(frame: { node: XmlNode; name: string; text: string; hasChildren: boolean; attributes: boolean }, parent: XmlNode, arrays: ReadonlySet<string>): void {
  let value: XmlValue;
  if (frame.hasChildren) value = frame.node;
  else {
    const text = decodeEntities(frame.text.trim());
    if (frame.attributes) {
      frame.node["#text"] = text;
      value = frame.node;
    } else value = text;
  }
  const existing = parent[frame.name];
  if (existing === undefined) parent[frame.name] = arrays.has(frame.name) ? [value] : value;
  else if (Array.isArray(existing)) existing.push(value);
  else parent[frame.name] = [existing, value];
}
