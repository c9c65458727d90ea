import type { ReactNode } from 'react'
import type { Model } from '../../../../shared/contract.ts'

type IconProps = { label: string; hint: string; children: ReactNode }

/** A 14 px line icon whose text alternative is `label`; `hint` is the pointer tooltip. */
function Icon({ label, hint, children }: IconProps) {
  return (
    <span className="model-cap" title={hint}>
      <svg
        role="img"
        aria-label={label}
        viewBox="0 0 16 16"
        width="14"
        height="14"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.4"
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        {children}
      </svg>
    </span>
  )
}

/** The vision, tools and reasoning icons of a model, each named for screen readers. */
export function CapabilityIcons({ model }: { model: Model }) {
  return (
    <>
      {model.supportsVision ? (
        <Icon label="Vision" hint="Reads images">
          <path d="M1.5 8S4 3.5 8 3.5 14.5 8 14.5 8 12 12.5 8 12.5 1.5 8 1.5 8z" />
          <circle cx="8" cy="8" r="2" />
        </Icon>
      ) : null}
      {model.supportsTools ? (
        <Icon label="Tools" hint="Can call tools">
          <path d="M10.5 2a3.5 3.5 0 0 0-3.2 4.8L2.5 11.6a1.4 1.4 0 0 0 2 2l4.8-4.8A3.5 3.5 0 0 0 14 5.5l-2.2 2.2-2-.4-.4-2L11.6 3A3.5 3.5 0 0 0 10.5 2z" />
        </Icon>
      ) : null}
      {model.supportsReasoning ? (
        <Icon label="Reasoning" hint="Thinks before answering">
          <path d="M8 1.8a4.3 4.3 0 0 0-2.6 7.7c.5.4.8 1 .8 1.6v.6h3.6v-.6c0-.6.3-1.2.8-1.6A4.3 4.3 0 0 0 8 1.8zM6.3 14.2h3.4" />
        </Icon>
      ) : null}
    </>
  )
}
