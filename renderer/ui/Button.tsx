import { forwardRef, type ButtonHTMLAttributes } from 'react';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: 'default' | 'primary' | 'ghost' | 'danger';
  size?: 'md' | 'sm' | 'icon';
}

/** The one button of the design system (see tokens.css `.bt-button`). Icon-only buttons need an aria-label. */
export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button(
  { variant = 'default', size = 'md', className, type = 'button', ...rest },
  ref,
) {
  return (
    <button
      ref={ref}
      type={type}
      className={className ? `bt-button ${className}` : 'bt-button'}
      data-variant={variant}
      data-size={size}
      {...rest}
    />
  );
});
