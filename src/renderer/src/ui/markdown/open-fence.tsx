import { memo, useMemo, useState } from 'react'
import { createLineChunker } from './chunk-lines.ts'
import { codeClasses } from './code-blocks.ts'

type OpenFenceProps = { language: string; code: string }

/**
 * The fenced code block an answer is still writing, drawn without markdown-it: plain text (never
 * highlighted, no Copy until it closes) in blocks of 64 lines, so a long file streaming in costs
 * the page one changing block, not the whole file again each frame. Same markup and classes as
 * a rendered code block (code-blocks.ts), so nothing moves when it closes.
 */
export const OpenFence = memo(function OpenFence({ language, code }: OpenFenceProps) {
  const [chunk] = useState(() => createLineChunker())
  const chunks = useMemo(() => chunk(code), [chunk, code])
  return (
    <div className="md-block md-open">
      <div className={codeClasses.block}>
        <div className={codeClasses.bar}>
          {language ? <span className={codeClasses.language}>{language}</span> : null}
        </div>
        <pre>
          <code className={language ? `language-${language}` : undefined}>
            {chunks.map((text, index) => (
              <span key={index} className="md-code-lines">
                {text}
              </span>
            ))}
          </code>
        </pre>
      </div>
    </div>
  )
})
