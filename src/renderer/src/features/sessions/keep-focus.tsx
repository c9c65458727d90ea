import { Component, type ReactNode, type RefObject } from 'react'

type KeepFocusProps = {
  /** The element whose descendants' focus is kept. */
  within: RefObject<HTMLElement | null>
  children: ReactNode
}

/**
 * Keeps focus on an element React moved. When the list reorders (a session got a new title or
 * answer and went to the top), React moves row nodes with `insertBefore`, and a moved node loses
 * focus. Only a class component can look at the DOM before a commit changes it
 * (`getSnapshotBeforeUpdate`), so this one notes the focused element then and, if focus fell
 * to the page during the commit, puts it back on that element when it is still in the document.
 */
export class KeepFocus extends Component<KeepFocusProps> {
  override getSnapshotBeforeUpdate(): HTMLElement | null {
    const focused = document.activeElement
    const within = this.props.within.current
    return focused instanceof HTMLElement && within?.contains(focused) ? focused : null
  }

  override componentDidUpdate(
    _props: KeepFocusProps,
    _state: unknown,
    focused: HTMLElement | null,
  ): void {
    // Focus that code moved on purpose during the commit (a menu, a rename box) stays put.
    const lost = document.activeElement === null || document.activeElement === document.body
    if (lost && focused?.isConnected) {
      focused.focus({ preventScroll: true })
    }
  }

  override render(): ReactNode {
    return this.props.children
  }
}
