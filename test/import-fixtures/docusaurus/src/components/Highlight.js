export default function Highlight({ children }) { return children }
