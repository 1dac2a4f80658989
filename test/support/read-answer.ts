/** A fetch response read once: status, headers, the text, and the JSON it holds (undefined when it is not JSON). */
export async function readAnswer(res: Response): Promise<{ status: number; json: any; text: string; headers: Headers }> {
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text, headers: res.headers };
}
