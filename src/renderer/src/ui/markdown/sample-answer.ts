/**
 * A long answer shaped like a model's, for tests: headings, paragraphs, tight and loose lists,
 * fences with and without a language (one nested in a list, one with blank lines, tildes holding
 * backticks), tables, task lists, quotes and an indented code block. Not used by the app.
 */
export function sampleSection(label = ''): string {
  return `## Step${label}

Here is how to do it, with **bold**, \`inline code\`, ~~an old way~~ and a [link](https://example.com/docs).
A second line of the same paragraph mentions https://github.com/logai and me@example.com.

1. Install the package
2. Configure it:
   \`\`\`json
   { "retries": 3 }
   \`\`\`
3. Run it

- loose item

- another loose item
    with a lazy continuation

\`\`\`ts
export function add(a: number, b: number): number {

  return a + b
}
\`\`\`

| Name | Value |
|:-----|------:|
| a    | 1     |
| b    | 2     |

- [x] tests written
- [ ] release notes

> A quote
> on two lines

~~~
a tilde fence with \`\`\` inside

~~~
   
    indented code after a blank line

\`\`\`\`md
\`\`\`
four backticks hold three
\`\`\`
\`\`\`\`

\`\`\`python
print("no blank line before the paragraph that closes this section")
\`\`\`
Done${label}.

`
}

/** Sections with their own labels, cut to `length` characters. */
export function sampleAnswer(length: number): string {
  let text = ''
  for (let index = 1; text.length < length; index++) text += sampleSection(` ${index}`)
  return text.slice(0, length)
}
